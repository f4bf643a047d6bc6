/// A piece of free text from an entry, with enough position data to locate any offset in the source file.
public struct TextBlock: Sendable {
    public var field: StudyField
    public var text: String
    /// Where the text's content starts in the source.
    public var start: SourceLocation
    /// Source position of each word start, keyed by the word's offset (in Unicode scalars) into `text`.
    var anchors: [TextAnchor]

    public init(field: StudyField, text: String, start: SourceLocation, anchors: [TextAnchor] = []) {
        self.field = field
        self.text = text
        self.start = start
        self.anchors = anchors
    }

    /// The source location of the scalar at `offset` in `text`.
    public func location(ofOffset offset: Int) -> SourceLocation {
        var low = 0, high = anchors.count - 1, found: TextAnchor?
        while low <= high {
            let mid = (low + high) / 2
            if anchors[mid].offset <= offset {
                found = anchors[mid]
                low = mid + 1
            } else {
                high = mid - 1
            }
        }
        guard let anchor = found else { return start }
        var location = start
        location.line = anchor.line
        location.column = anchor.column + (offset - anchor.offset)
        return location
    }
}

/// A word start in a text block mapped to its line and column in the file.
public struct TextAnchor: Sendable, Equatable {
    public var offset: Int
    public var line: Int
    public var column: Int

    public init(offset: Int, line: Int, column: Int) {
        self.offset = offset
        self.line = line
        self.column = column
    }
}
