extension String {
    /// The text's lines joined by spaces (blank lines dropped): for output that is one line per item.
    public var joinedLines: String {
        containsNewline ? split(whereSeparator: \.isNewline).joined(separator: " ") : self
    }

    /// The text on one line, cut to `limit` characters with an ellipsis.
    /// The first `count` Unicode scalars, or nil when the text has no more than that: a bound
    /// on what is read of a text, found without counting the whole of a long one.
    public func prefix(scalars count: Int) -> String? {
        let scalars = unicodeScalars
        guard let end = scalars.index(scalars.startIndex, offsetBy: count, limitedBy: scalars.endIndex), end < scalars.endIndex else {
            return nil
        }
        return String(scalars[..<end])
    }

    public func clipped(to limit: Int) -> String {
        let flat = joinedLines
        // No more bytes than the limit is no more characters: most texts need no count.
        if flat.utf8.count <= limit { return flat }
        return flat.count > limit ? String(flat.prefix(limit - 1)) + "…" : flat
    }

    /// Whether the text holds a character for which `Character.isNewline` is true: ASCII line
    /// feed to carriage return, NEL (U+0085), and the line and paragraph separators (U+2028-9).
    var containsNewline: Bool {
        var text = self
        return text.withUTF8 { utf8 in
            for index in utf8.indices {
                switch utf8[index] {
                case 0x0A...0x0D: return true
                case 0xC2 where index + 1 < utf8.count && utf8[index + 1] == 0x85: return true
                case 0xE2 where index + 2 < utf8.count && utf8[index + 1] == 0x80 && (utf8[index + 2] == 0xA8 || utf8[index + 2] == 0xA9):
                    return true
                default: continue
                }
            }
            return false
        }
    }
}
