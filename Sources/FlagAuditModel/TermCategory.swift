/// The vocabularies an entry's controlled fields draw from.
public enum TermCategory: Sendable, CaseIterable, Hashable {
    case methodFlags, designs, evidenceLevels, pemBadges, populations, caseDefinitions, sources
    case reviewStatuses, confidenceLevels

    /// The category's key in vocabulary files and rule packs.
    public var name: String {
        switch self {
        case .methodFlags: "method_flags"
        case .designs: "designs"
        case .evidenceLevels: "evidence_levels"
        case .pemBadges: "pem_badges"
        case .populations: "populations"
        case .caseDefinitions: "case_definitions"
        case .sources: "sources"
        case .reviewStatuses: "review_statuses"
        case .confidenceLevels: "confidence_levels"
        }
    }

    private static let byName = Dictionary(uniqueKeysWithValues: allCases.map { ($0.name, $0) })

    /// The category a key names, if any.
    public init?(name: String) {
        guard let category = TermCategory.byName[name] else { return nil }
        self = category
    }

    /// Singular noun for messages ("unknown design 'rtc'").
    public var noun: String {
        switch self {
        case .methodFlags: "method flag"
        case .designs: "design"
        case .evidenceLevels: "evidence level"
        case .pemBadges: "PEM badge"
        case .populations: "population"
        case .caseDefinitions: "case definition"
        case .sources: "source"
        case .reviewStatuses: "review status"
        case .confidenceLevels: "confidence"
        }
    }
}
