/// One audit result: which rule, how severe, which method flag it supports, and the evidence.
public struct Finding: Sendable, Equatable {
    public var rule: String
    public var severity: Severity
    /// The method flag this finding supports (canonical slug), if any.
    public var flag: String?
    public var message: String
    /// The entry field the evidence sits in (`findings`, `sample_size`, `tags.method_flags`, ...).
    public var field: String?
    public var location: SourceLocation
    public var excerpt: String?
    /// Why the rule exists: the rule's rationale, so every finding explains itself.
    public var why: String?
    /// Where the evidence ends (exclusive), when known.
    public var end: SourceLocation?
    /// Other places that bear on the finding (the first use of a duplicated id).
    public var related: [SourceLocation]
    /// The repair `--fix` applies, made where the problem was detected.
    public var fix: Fix?
    /// For a comparison (a press piece against its study): the other side's sentence.
    public var counterpart: Counterpart?

    public init(
        rule: String, severity: Severity, flag: String? = nil, message: String,
        field: String? = nil, location: SourceLocation, excerpt: String? = nil, why: String? = nil,
        end: SourceLocation? = nil, related: [SourceLocation] = [], fix: Fix? = nil,
        counterpart: Counterpart? = nil
    ) {
        self.rule = rule
        self.severity = severity
        self.flag = flag
        self.message = message
        self.field = field
        self.location = location
        self.excerpt = excerpt
        self.why = why
        self.end = end
        self.related = related
        self.fix = fix
        self.counterpart = counterpart
    }
}
