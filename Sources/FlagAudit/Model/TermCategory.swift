/// The vocabularies an entry's controlled fields draw from.
public enum TermCategory: String, Sendable, CaseIterable {
    case methodFlags = "method_flags"
    case designs
    case evidenceLevels = "evidence_levels"
    case pemBadges = "pem_badges"
    case populations
    case caseDefinitions = "case_definitions"
    case sources
    case reviewStatuses = "review_statuses"
    case confidenceLevels = "confidence_levels"

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
