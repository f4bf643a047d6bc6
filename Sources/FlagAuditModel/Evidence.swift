/// What a condition saw: the field, the place, the words.
public struct Evidence: Sendable, Equatable {
    public var field: StudyField
    public var location: SourceLocation
    public var excerpt: String
    /// The matched words inside the excerpt (a cue phrase), for messages such as "('led to')".
    public var match: String?
    /// Whether the evidence is a sentence of free text (as opposed to a field's value).
    public var isText: Bool

    public init(field: StudyField, location: SourceLocation, excerpt: String, match: String?, isText: Bool) {
        self.field = field
        self.location = location
        self.excerpt = excerpt
        self.match = match
        self.isText = isText
    }
}
