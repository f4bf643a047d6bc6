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
    /// Where a finding with no text evidence lands (`at:`): the first of these fields with
    /// evidence, else the first one's place. Empty: the first evidence in entry-field order.
    /// Either way placement never depends on the order keys are written in `when:`.
    public var placement: [StudyField]

    public init(
        id: String, severity: Severity, flag: String?, summary: String, message: MessageTemplate,
        rationale: String, reference: String?, condition: Condition, examples: RuleExamples, location: SourceLocation,
        placement: [StudyField] = []
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
        self.placement = placement
    }
}

/// Minimal entries on which a rule must fire (`triggering`) and must not (`non_triggering`).
public struct RuleExamples: Sendable {
    public var triggering: [RuleExample]
    /// Examples that must not fire (their `expectation` is nil).
    public var nonTriggering: [RuleExample]

    public init(triggering: [RuleExample] = [], nonTriggering: [RuleExample] = []) {
        self.triggering = triggering
        self.nonTriggering = nonTriggering
    }
}

/// A triggering example and, when it states them (`expect:`), where its finding lands, what
/// it says and how many there are, as SwiftLint's markers do.
public struct RuleExample: Sendable {
    public var study: Study
    public var expectation: Expectation?
    /// The study the example reports on (`linked_study:`, for rules that weigh a press piece
    /// against its study); the example's `reports_on` names it.
    public var linked: Study?

    public struct Expectation: Sendable {
        /// A finding lands in this field...
        public var field: StudyField?
        /// ...on these matched words (text evidence: the cue or phrase; compared ignoring case)...
        public var match: String?
        /// ...and says exactly this.
        public var message: String?
        /// How many findings the rule makes on the example.
        public var count: Int?
        /// Where `expect:` is written, for a failure to point at.
        public var location: SourceLocation

        public init(field: StudyField? = nil, match: String? = nil, message: String? = nil, count: Int? = nil, location: SourceLocation) {
            self.field = field
            self.match = match
            self.message = message
            self.count = count
            self.location = location
        }
    }

    public init(study: Study, expectation: Expectation? = nil, linked: Study? = nil) {
        self.study = study
        self.expectation = expectation
        self.linked = linked
    }

    /// The study the example's `reports_on` names among its `linked` one, as an audit resolves it.
    public var target: Study? {
        guard let linked, case .study(let target)? = StudyLinks([linked]).resolve(reportsOnOf: study)?.resolution else { return nil }
        return target
    }
}
