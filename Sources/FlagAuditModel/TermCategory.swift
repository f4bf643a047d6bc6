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

// Hashed and compared by case, not by raw string (see `StudyField`).
extension TermCategory {
    public static func == (lhs: TermCategory, rhs: TermCategory) -> Bool { lhs.caseTag == rhs.caseTag }
    public func hash(into hasher: inout Hasher) { hasher.combine(caseTag) }
    @inline(__always) var caseTag: UInt8 { unsafeBitCast(self, to: UInt8.self) }
}
