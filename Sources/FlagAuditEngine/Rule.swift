import FlagAuditModel

/// One check of the rule pack, loaded from YAML: when it fires, what it says, and why.
public struct Rule: Sendable {
    public var id: String
    public var severity: Severity
    /// The method flag the rule supports; nil for consistency rules, which report regardless of flags.
    public var flag: String?
    public var summary: String
    public var message: MessageTemplate
    public var rationale: String
    public var reference: String?
    public var condition: Condition
    public var examples: RuleExamples
    public var location: SourceLocation

    public init(
        id: String, severity: Severity, flag: String?, summary: String, message: MessageTemplate,
        rationale: String, reference: String?, condition: Condition, examples: RuleExamples, location: SourceLocation
    ) {
        self.id = id
        self.severity = severity
        self.flag = flag
        self.summary = summary
        self.message = message
        self.rationale = rationale
        self.reference = reference
        self.condition = condition
        self.examples = examples
        self.location = location
    }
}

/// Minimal entries on which a rule must fire (`triggering`) and must not (`non_triggering`).
public struct RuleExamples: Sendable {
    public var triggering: [Study]
    public var nonTriggering: [Study]

    public init(triggering: [Study] = [], nonTriggering: [Study] = []) {
        self.triggering = triggering
        self.nonTriggering = nonTriggering
    }
}
