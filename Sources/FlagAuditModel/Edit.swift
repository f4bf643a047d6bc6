/// A change to a file: replace the text from `start` up to (not including) `end` with
/// `replacement`. `start == end` inserts. Positions are lines and columns as `SourceLocation`
/// counts them, in the file as it was read.
public struct Edit: Sendable, Hashable {
    public var start: SourceLocation
    public var end: SourceLocation
    public var replacement: String
    /// What the range held when the edit was made: an edit whose range reads otherwise no
    /// longer lands where it was meant to, and is refused.
    public var original: String

    public init(start: SourceLocation, end: SourceLocation, replacement: String, original: String) {
        self.start = start
        self.end = end
        self.replacement = replacement
        self.original = original
    }

    /// Whether the two ranges share text. An insertion at the end of another range shares none.
    /// (Edits of one file: locations compare by path first, and share it.)
    public func overlaps(_ other: Edit) -> Bool { start < other.end && other.start < end }

    /// Source order: by start, then by end.
    public static func precedes(_ a: Edit, _ b: Edit) -> Bool { (a.start, a.end) < (b.start, b.end) }
}

/// How to repair what a finding reports: the edits, made where the problem was detected, and
/// a summary an editor reads ("'Cohort' → 'cohort'").
public struct Fix: Sendable, Hashable {
    public var summary: String
    public var edits: [Edit]

    public init(summary: String, edits: [Edit]) {
        self.summary = summary
        self.edits = edits
    }
}
