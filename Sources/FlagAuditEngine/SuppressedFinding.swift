import FlagAuditModel

/// A finding an entry's `audit.ignore` silenced, and the suppression (rule, reason, place) that did.
public struct SuppressedFinding: Sendable, Equatable {
    public var finding: Finding
    public var suppression: Suppression

    public init(finding: Finding, suppression: Suppression) {
        self.finding = finding
        self.suppression = suppression
    }
}
