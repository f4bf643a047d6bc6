import FlagAuditLoading
import FlagAuditModel
import FlagAuditText
import Foundation

/// A raw text file, with its words located, so findings on it point at lines and columns.
struct RawText {
    let path: String
    let text: String
    let lines: [String]

    init(path: String, text: String) {
        self.path = path
        self.text = text
        self.lines = text.scalarLines
    }

    /// A text block for lines `range` (0-based), optionally dropping a prefix such as "- ".
    func block(_ field: StudyField, lines range: Range<Int>, dropping prefix: Int = 0) -> TextBlock? {
        // Built as UTF-8 with its scalars counted as they come: each scalar of the text is
        // visited once, never appended to a scalar view or counted again (see docs/performance.md).
        var content: [UInt8] = []
        var contentCount = 0
        var anchors: [TextAnchor] = []
        var previousWasSpace = true
        for index in range {
            var scalars = Array(lines[index].unicodeScalars)
            if scalars.last == "\r" { scalars.removeLast() }
            let skip = index == range.lowerBound ? min(prefix, scalars.count) : 0
            if contentCount > 0 { content.append(0x0A); contentCount += 1; previousWasSpace = true }
            for column in skip..<scalars.count {
                let scalar = scalars[column]
                let isSpace = Whitespace.isYAML(scalar)
                if !isSpace && previousWasSpace {
                    anchors.append(TextAnchor(offset: contentCount, line: index + 1, column: column + 1))
                }
                previousWasSpace = isSpace
                if scalar.isASCII {
                    content.append(UInt8(scalar.value))
                } else {
                    UTF8.encode(scalar) { content.append($0) }
                }
                contentCount += 1
            }
        }
        let string = String(decoding: content, as: UTF8.self).trimmedWhitespace
        guard !string.isEmpty else { return nil }
        // Trimming leading space shifts offsets: rebase the anchors. The first anchor is the
        // first scalar that is not a space.
        let leading = anchors.first?.offset ?? contentCount
        anchors = anchors.map { TextAnchor(offset: $0.offset - leading, line: $0.line, column: $0.column) }
        let start = anchors.first.map { SourceLocation(path: path, line: $0.line, column: $0.column) }
            ?? SourceLocation(path: path, line: range.lowerBound + 1, column: 1)
        return TextBlock(field: field, text: string, start: start, anchors: anchors)
    }

    /// 1-based column (in scalars) where `value` first appears on line `index`, or 1.
    func column(of value: String, inLine index: Int) -> Int {
        let line = Array(lines[index].unicodeScalars), needle = Array(value.unicodeScalars)
        guard !needle.isEmpty, needle.count <= line.count else { return 1 }
        for start in 0...(line.count - needle.count) where Array(line[start..<(start + needle.count)]) == needle {
            return start + 1
        }
        return 1
    }

    func trimmed(_ index: Int) -> String { lines[index].trimmedWhitespace }
}
