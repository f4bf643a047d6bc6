import FlagAuditModel
import Foundation

/// The lines of a source file, to map offsets inside a YAML scalar back to the line and
/// column where they were written, whatever the scalar's style. Offsets and columns count
/// Unicode scalars; the walk is over UTF-8 bytes, where a scalar starts at every byte that
/// is not a continuation byte and the spaces that separate words are ASCII.
package struct SourceLines {
    /// The file's bytes and where each line starts in them (one allocation, not one per line).
    private let bytes: [UInt8]
    private let starts: [Int]

    init(_ bytes: [UInt8]) {
        var starts = [0]
        // memchr finds line feeds many bytes at a time: no byte is looked at alone.
        bytes.withUnsafeBytes { buffer in
            guard let base = buffer.baseAddress else { return }
            var offset = 0
            while offset < buffer.count, let found = memchr(base + offset, 0x0A, buffer.count - offset) {
                offset = base.distance(to: UnsafeRawPointer(found)) + 1
                starts.append(offset)
            }
        }
        self.bytes = bytes
        self.starts = starts
    }

    /// How many lines the file has: one more than its line feeds.
    var count: Int { starts.count }

    /// Line `index` (from 0) by Unicode scalar, without its line feed (a carriage return stays).
    func scalars(ofLine index: Int) -> [Unicode.Scalar] {
        let end = index + 1 < starts.count ? starts[index + 1] - 1 : bytes.count
        return Array(String(decoding: bytes[starts[index]..<end], as: UTF8.self).unicodeScalars)
    }

    /// A line break libyaml counts and these lines do not (a CR alone, NEL, U+2028, U+2029),
    /// if the file has one: line numbers from libyaml then name other lines than these, and
    /// nothing located by them may be edited. Nil for LF and CR LF files.
    var foreignLineBreak: String? {
        bytes.withUnsafeBufferPointer { bytes -> String? in
            for index in bytes.indices {
                switch bytes[index] {
                case 0x0D where index + 1 == bytes.count || bytes[index + 1] != 0x0A: return "a carriage return alone"
                case 0xC2 where index + 1 < bytes.count && bytes[index + 1] == 0x85: return "NEL (U+0085)"
                case 0xE2 where index + 2 < bytes.count && bytes[index + 1] == 0x80 && (bytes[index + 2] == 0xA8 || bytes[index + 2] == 0xA9):
                    return bytes[index + 2] == 0xA8 ? "U+2028 LINE SEPARATOR" : "U+2029 PARAGRAPH SEPARATOR"
                default: continue
                }
            }
            return nil
        }
    }

    /// Whether any line ends in CR LF: text written into the file then ends its lines so too.
    var usesCRLF: Bool {
        starts.dropFirst().contains { $0 >= 2 && bytes[$0 - 2] == UInt8(ascii: "\r") }
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
                        let isSpace = Whitespace.isYAML(byte)
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
                    let isSpace = Whitespace.isYAML(byte)
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
                    let same = SourceLines.commonScalarPrefix(text, from: i, source, from: index, end: end)
                    if same > 0 {
                        var scalars = 0
                        for k in i..<(i + same) where !SourceLines.isContinuation(text[k]) { scalars += 1 }
                        offset += scalars
                        column += scalars
                        i += same
                        index += same
                        // The last scalar's first byte, or (not a space either) a continuation byte.
                        previousWasSpace = Whitespace.isYAML(text[i - 1])
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

    /// How many bytes `text` from `i` and `source` from `index` (up to `end`) share, cut back
    /// to whole scalars so the two cursors never stop inside one. Compared eight bytes at a time:
    /// this is most of locating a text's words.
    static func commonScalarPrefix(
        _ text: UnsafeBufferPointer<UInt8>, from i: Int, _ source: UnsafeBufferPointer<UInt8>, from index: Int, end: Int
    ) -> Int {
        let limit = min(text.count - i, end - index)
        guard limit > 0, let textBase = text.baseAddress, let sourceBase = source.baseAddress else { return 0 }
        var same = 0
        while same + 8 <= limit {
            let a = UnsafeRawPointer(textBase + i + same).loadUnaligned(as: UInt64.self)
            let b = UnsafeRawPointer(sourceBase + index + same).loadUnaligned(as: UInt64.self)
            // Little-endian loads: the lowest differing byte is the first one in the text.
            if a != b { return wholeScalars(same + (a ^ b).littleEndian.trailingZeroBitCount / 8, in: text, from: i) }
            same += 8
        }
        while same < limit && text[i + same] == source[index + same] { same += 1 }
        return wholeScalars(same, in: text, from: i)
    }

    /// `count` bytes of `text` from `i`, less a scalar cut short at their end.
    @inline(__always) private static func wholeScalars(_ count: Int, in text: UnsafeBufferPointer<UInt8>, from i: Int) -> Int {
        var count = count
        while count > 0 && i + count < text.count && isContinuation(text[i + count]) { count -= 1 }
        return count
    }

    @inline(__always) static func isContinuation(_ byte: UInt8) -> Bool { byte & 0xC0 == 0x80 }

}
