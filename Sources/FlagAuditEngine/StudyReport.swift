import FlagAuditModel
import FlagAuditText

/// The audit of one entry file: its flags as declared and as the evidence supports them, and findings.
public struct StudyReport: Sendable {
    public var path: String
    public var id: String?
    public var declaredFlags: [String]
    public var suggestedFlags: [String]
    public var missingFlags: [String]
    public var unsupportedFlags: [String]
    /// Why the missing flags cannot be added by `--fix` (tags written inline, an alias), if so.
    public var flagRefusal: String? = nil
    public var findings: [Finding]
    /// Every rule that fired, including those confirming a declared flag (not reported as findings).
    public var matches: [RuleMatch]
    /// The findings of every match, in the order of `matches`, declared flags' included (the
    /// `evidence` of the JSON report), made once while auditing.
    public var evidence: [Finding] = []
    /// What `audit.ignore` silenced, each with the suppression that did (not findings: they
    /// count for nothing, and show only where outputs show suppressions).
    public var suppressed: [SuppressedFinding] = []
    public var study: Study?
    /// The transformer's decisions the audit made (none read from the cache), for `--cache`.
    public var claimDecisions: [ClaimDecision] = []
    /// The bytes audited, when the auditor makes fixes (see `LoadedStudy.source`).
    public var source: [UInt8]? = nil

    public func count(_ severity: Severity) -> Int { findings.filter { $0.severity == severity }.count }
}

/// The audit of a set of entries, in input order.
public struct AuditReport: Sendable {
    public var studies: [StudyReport]

    public init(studies: [StudyReport]) { self.studies = studies }

    public func count(_ severity: Severity) -> Int { studies.reduce(0) { $0 + $1.count(severity) } }

    /// The exit status of cli.md: 1 when a finding is at or above `threshold`, else 0.
    public func exitStatus(failOn threshold: Severity?) -> Int32 { fails(at: threshold) ? 1 : 0 }

    /// Whether any finding is at or above `threshold` (nil: never fail).
    public func fails(at threshold: Severity?) -> Bool {
        guard let threshold else { return false }
        return studies.contains { $0.findings.contains { $0.severity >= threshold } }
    }
}
