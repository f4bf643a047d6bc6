/// The other side of a finding that compares two texts: the linked study's sentence that a
/// press piece's claim was weighed against, so the finding shows both side by side.
public struct Counterpart: Sendable, Equatable {
    /// The other entry's id (nil for a raw text).
    public var study: String?
    public var field: StudyField?
    public var location: SourceLocation
    public var excerpt: String
    /// What was weighed: the sentence's claim strength.
    public var strength: String

    public init(study: String?, field: StudyField?, location: SourceLocation, excerpt: String, strength: String) {
        self.study = study
        self.field = field
        self.location = location
        self.excerpt = excerpt
        self.strength = strength
    }
}
