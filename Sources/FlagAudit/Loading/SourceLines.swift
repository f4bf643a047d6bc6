
/// The lines of a source file, to map offsets inside a YAML scalar back to the line and
/// column where they were written, whatever the scalar's style. Offsets and columns count
/// Unicode scalars; the walk is over UTF-8 bytes, where a scalar starts at every byte that
/// is not a continuation byte and the spaces that separate words are ASCII.
struct SourceLines {
    /// The file's bytes and where each line starts in them (one allocation, not one per line).
    private let bytes: [UInt8]
    private let starts: [Int]

    init(_ bytes: [UInt8]) {
        var starts = [0]
        for index in bytes.indices where bytes[index] == UInt8(ascii: "\n") { starts.append(index + 1) }
        self.bytes = bytes
        self.starts = starts
    }

    /// Word starts of `content` paired with the source positions of the same words.
    /// Scalar styles differ in quoting, folding and indentation but keep the word sequence,
    /// so the k-th word of the content is the k-th word in the source from the scalar's mark.
    func anchors(for scalar: YAMLNode.Scalar, content: String) -> [TextAnchor] {
        let mark = scalar.mark
        var line = mark.line - 1
        var skip = mark.column - 1
        switch scalar.style {
        case .literal, .folded:
            line += 1
            skip = 0
        case .singleQuoted, .doubleQuoted:
            skip += 1
        default:
            break
        }
        guard line < starts.count else { return [] }
        var anchors: [TextAnchor] = []
        anchors.reserveCapacity(content.utf8.count / 6)
        bytes.withUnsafeBufferPointer { source in
            // The source cursor: a byte index, its line, its column in scalars.
            var index = starts[line], column = 0
            var end = line + 1 < starts.count ? starts[line + 1] - 1 : source.count
            while index < end && column < skip {
                index += 1
                while index < end && SourceLines.isContinuation(source[index]) { index += 1 }
                column += 1
            }
            var sourcePreviousWasSpace = true
            /// Moves the cursor to the next word start in the source; false when the source ends.
            func nextSourceWord() -> Bool {
                while true {
                    while index < end {
                        let byte = source[index]
                        let isSpace = SourceLines.isSpace(byte)
                        if !isSpace && sourcePreviousWasSpace { return true }
                        sourcePreviousWasSpace = isSpace
                        index += 1
                        while index < end && SourceLines.isContinuation(source[index]) { index += 1 }
                        column += 1
                    }
                    line += 1
                    guard line < starts.count else { return false }
                    index = starts[line]
                    end = line + 1 < starts.count ? starts[line + 1] - 1 : source.count
                    column = 0
                    sourcePreviousWasSpace = true
                }
            }
            var content = content
            content.withUTF8 { text in
                var i = 0, offset = 0, previousWasSpace = true
                while i < text.count {
                    let byte = text[i]
                    if SourceLines.isContinuation(byte) { i += 1; continue }
                    let isSpace = SourceLines.isSpace(byte)
                    guard !isSpace && previousWasSpace else {
                        previousWasSpace = isSpace
                        offset += 1
                        i += 1
                        continue
                    }
                    guard nextSourceWord() else { return }
                    // An anchor the previous one implies (same line, same distance) is left out:
                    // locating any offset gives the same answer with or without it.
                    let anchor = TextAnchor(offset: offset, line: line + 1, column: column + 1)
                    let implied = anchors.last.map { $0.line == anchor.line && $0.column - $0.offset == anchor.column - anchor.offset }
                    if implied != true { anchors.append(anchor) }
                    // Identical bytes on this source line are the same words at the same distance:
                    // walk them in step without looking for words.
                    let runStart = i
                    while i < text.count && index < end {
                        // Whole scalars only, so the two cursors never stop inside one.
                        let width = SourceLines.width(ofScalarStartingWith: text[i])
                        guard i + width <= text.count, index + width <= end else { break }
                        var same = true
                        for k in 0..<width where text[i + k] != source[index + k] { same = false; break }
                        guard same else { break }
                        previousWasSpace = SourceLines.isSpace(text[i])
                        offset += 1
                        column += 1
                        i += width
                        index += width
                    }
                    if i > runStart {
                        sourcePreviousWasSpace = previousWasSpace
                    } else {
                        // The word is written differently (an escape): step past its first scalar.
                        sourcePreviousWasSpace = false
                        index += 1
                        while index < end && SourceLines.isContinuation(source[index]) { index += 1 }
                        column += 1
                        previousWasSpace = false
                        offset += 1
                        i += 1
                    }
                }
            }
        }
        return anchors
    }

    @inline(__always) static func isContinuation(_ byte: UInt8) -> Bool { byte & 0xC0 == 0x80 }

    /// Bytes in the UTF-8 scalar whose first byte is `lead` (the text is valid UTF-8).
    @inline(__always) static func width(ofScalarStartingWith lead: UInt8) -> Int {
        lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
    }

    static func isSpace(_ scalar: Unicode.Scalar) -> Bool { scalar.isASCII && isSpace(UInt8(scalar.value)) }

    @inline(__always) static func isSpace(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r")
    }
}
