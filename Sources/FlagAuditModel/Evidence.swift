/// What a condition saw: the field, the place, the words.
public struct Evidence: Sendable, Equatable {
    public var field: StudyField
    public var location: SourceLocation
    public var excerpt: String
    /// The matched words inside the excerpt (a cue phrase), for messages such as "('led to')".
    public var match: String?
    /// Whether the evidence is a sentence of free text (as opposed to a field's value).
    public var isText: Bool
    /// For a comparison: the other text's sentence this one was weighed against.
    public var counterpart: Counterpart?
    /// For a comparison: how the two differ, in words ("direct-causal against correlational").
    public var detail: String?

    public init(
        field: StudyField, location: SourceLocation, excerpt: String, match: String?, isText: Bool,
        counterpart: Counterpart? = nil, detail: String? = nil
    ) {
        self.field = field
        self.location = location
        self.excerpt = excerpt
        self.match = match
        self.isText = isText
        self.counterpart = counterpart
        self.detail = detail
    }
}
