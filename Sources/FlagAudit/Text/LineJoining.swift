extension String {
    /// The text's lines joined by spaces (blank lines dropped): for output that is one line per item.
    public var joinedLines: String {
        EscapeTable.containsNewline(self) ? split(whereSeparator: \.isNewline).joined(separator: " ") : self
    }

    /// The text on one line, cut to `limit` characters with an ellipsis.
    public func clipped(to limit: Int) -> String {
        let flat = joinedLines
        // No more bytes than the limit is no more characters: most texts need no count.
        if flat.utf8.count <= limit { return flat }
        return flat.count > limit ? String(flat.prefix(limit - 1)) + "…" : flat
    }
}
