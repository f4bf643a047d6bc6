import FlagAuditModel

/// What a configuration changed of the built-in checks: some are off, some report at another
/// severity. Only checks about an entry's consistency may change; those that say an entry does
/// not fit the format (syntax, limits, schema, missing keys, unknown terms) keep their severity,
/// since an entry that breaks the format is not audited as written.
public struct BuiltinGrades: Sendable, Equatable {
    public var disabled: Set<String> = []
    public var severities: [String: Severity] = [:]

    public static let adjustable: [BuiltinCheck] = [
        .nonCanonicalTerm, .duplicateID, .unresolvedLink, .unsupportedFlag, .invalidSuppression, .unusedSuppression, .duplicateTerm,
    ]

    public init() {}

    public var isEmpty: Bool { disabled.isEmpty && severities.isEmpty }

    /// `findings` with those of disabled checks left out and re-graded ones at their severity.
    func apply(_ findings: [Finding]) -> [Finding] {
        guard !isEmpty else { return findings }
        return findings.compactMap { finding in
            guard !disabled.contains(finding.rule) else { return nil }
            var finding = finding
            if let severity = severities[finding.rule] { finding.severity = severity }
            return finding
        }
    }
}
