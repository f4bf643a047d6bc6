import Yams

/// The lines of a source file, to map offsets inside a YAML scalar back to the line and
/// column where they were written, whatever the scalar's style. Offsets and columns count
/// Unicode scalars; the walk is over UTF-8 bytes, where a scalar starts at every byte that
/// is not a continuation byte and the spaces that separate words are ASCII.
struct SourceLines {
    /// The file's bytes and where each line starts in them (one allocation, not one per line).
    private let bytes: [UInt8]
    private let starts: [Int]

    init(_ source: String) {
        let bytes = Array(source.utf8)
        var starts = [0]
        for index in bytes.indices where bytes[index] == UInt8(ascii: "\n") { starts.append(index + 1) }
        self.bytes = bytes
        self.starts = starts
    }

    /// Word starts of `content` paired with the source positions of the same words.
    /// Scalar styles differ in quoting, folding and indentation but keep the word sequence,
    /// so the k-th word of the content is the k-th word in the source from the scalar's mark.
    func anchors(for scalar: Node.Scalar, content: String) -> [TextAnchor] {
        guard let mark = scalar.mark else { return [] }
        var contentStarts: [Int] = []
        var previousWasSpace = true
        var offset = 0
        for byte in content.utf8 where !SourceLines.isContinuation(byte) {
            let isSpace = SourceLines.isSpace(byte)
            if !isSpace && previousWasSpace { contentStarts.append(offset) }
            previousWasSpace = isSpace
            offset += 1
        }
        var line = mark.line - 1
        var column = mark.column - 1
        switch scalar.style {
        case .literal, .folded:
            line += 1
            column = 0
        case .singleQuoted, .doubleQuoted:
            column += 1
        default:
            break
        }
        var anchors: [TextAnchor] = []
        anchors.reserveCapacity(contentStarts.count)
        previousWasSpace = true
        while line < starts.count && anchors.count < contentStarts.count {
            let end = line + 1 < starts.count ? starts[line + 1] - 1 : bytes.count
            // Skip `column` scalars into the line, then walk scalar by scalar.
            var index = starts[line], scalarColumn = 0
            while index < end && scalarColumn < column {
                index += 1
                while index < end && SourceLines.isContinuation(bytes[index]) { index += 1 }
                scalarColumn += 1
            }
            while index < end && anchors.count < contentStarts.count {
                let isSpace = SourceLines.isSpace(bytes[index])
                if !isSpace && previousWasSpace {
                    anchors.append(TextAnchor(offset: contentStarts[anchors.count], line: line + 1, column: scalarColumn + 1))
                }
                previousWasSpace = isSpace
                index += 1
                while index < end && SourceLines.isContinuation(bytes[index]) { index += 1 }
                scalarColumn += 1
            }
            previousWasSpace = true
            line += 1
            column = 0
        }
        return anchors
    }

    @inline(__always) static func isContinuation(_ byte: UInt8) -> Bool { byte & 0xC0 == 0x80 }

    static func isSpace(_ scalar: Unicode.Scalar) -> Bool { scalar.isASCII && isSpace(UInt8(scalar.value)) }

    @inline(__always) static func isSpace(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r")
    }
}
