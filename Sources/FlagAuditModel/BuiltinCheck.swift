/// Checks that are part of the entry contract itself rather than of a rule pack.
/// Their severities are fixed by the contract (entry.md): what CI fails on must not drift.
public enum BuiltinCheck: String, Sendable, CaseIterable {
    case yamlSyntax = "yaml-syntax"
    case inputLimit = "input-limit"
    case schema = "schema"
    case missingKey = "missing-required-key"
    case unknownTerm = "unknown-term"
    case nonCanonicalTerm = "non-canonical-term"
    case duplicateID = "duplicate-id"
    case unresolvedLink = "unresolved-study-link"
    case unsupportedFlag = "unsupported-flag"
    case invalidSuppression = "invalid-suppression"
    case unusedSuppression = "unused-suppression"
    case duplicateTerm = "duplicate-term"

    public var severity: Severity {
        switch self {
        case .yamlSyntax, .inputLimit, .schema, .missingKey, .unknownTerm, .duplicateID, .unresolvedLink, .invalidSuppression:
            .error
        case .nonCanonicalTerm, .unusedSuppression, .duplicateTerm:
            .warning
        case .unsupportedFlag:
            .info
        }
    }

    public var summary: String {
        switch self {
        case .yamlSyntax: "The file is not well-formed YAML."
        case .inputLimit: "The file breaks a safety limit (size, encoding, nesting, aliases)."
        case .schema: "A key or value does not fit the entry format (unknown key, wrong type, invalid value)."
        case .missingKey: "A required key (id, title) is missing."
        case .unknownTerm: "A controlled value matches no term of the vocabulary."
        case .nonCanonicalTerm: "A controlled value is spelled by label or alias instead of its slug."
        case .duplicateID: "Two entries share one id."
        case .unresolvedLink: "reports_on names no other entry of the audited set (by id, DOI or PMID), or more than one."
        case .unsupportedFlag: "A declared method flag that no rule found support for."
        case .invalidSuppression: "An audit.ignore item without a reason or naming an unknown rule."
        case .unusedSuppression: "An audit.ignore item that no longer silences anything."
        case .duplicateTerm: "A list of terms names one term twice (by slug, label or alias)."
        }
    }
}
