import FlagAuditModel
import Foundation

/// The lines of a source file, to map offsets inside a YAML scalar back to the line and
/// column where they were written, whatever the scalar's style. Lines break where libyaml
/// breaks them, so that a line number here and in a YAML mark name the same line: at LF,
/// CR LF, a CR alone, NEL (U+0085), U+2028 and U+2029. Offsets and columns count Unicode
/// scalars; the walk is over UTF-8 bytes, where a scalar starts at every byte that is not a
/// continuation byte and the spaces that separate words are ASCII.
package struct SourceLines {
    /// The file's bytes, where each line starts in them and where it ends (before its break;
    /// a CR before an LF stays on its line, as libyaml's columns never reach it).
    private let bytes: [UInt8]
    private let starts: [Int]
    private let ends: [Int]
    /// Whether some line ends in a CR alone: text written into the file could not end its
    /// lines as the file does.
    let endsLinesWithCR: Bool

    init(_ bytes: [UInt8]) {
        // Breaks (`Whitespace.isYAMLLineBreak`, in UTF-8) as (offset, length in bytes). memchr
        // finds line feeds many bytes at a time; the other breaks start with one of three
        // bytes, each found so too.
        var breaks: [(at: Int, length: Int)] = []
        var crAlone = false, feeds = 0
        bytes.withUnsafeBytes { buffer in
            guard let base = buffer.baseAddress else { return }
            func each(_ byte: UInt8, _ body: (Int) -> Void) {
                var offset = 0
                while offset < buffer.count, let found = memchr(base + offset, Int32(byte), buffer.count - offset) {
                    let at = base.distance(to: UnsafeRawPointer(found))
                    body(at)
                    offset = at + 1
                }
            }
            each(0x0A) { breaks.append(($0, 1)) }
            feeds = breaks.count
            each(0x0D) { at in
                if at + 1 == buffer.count || buffer[at + 1] != 0x0A {
                    breaks.append((at, 1))
                    crAlone = true
                }
            }
            each(0xC2) { at in
                if at + 1 < buffer.count && buffer[at + 1] == 0x85 { breaks.append((at, 2)) }
            }
            each(0xE2) { at in
                if at + 2 < buffer.count && buffer[at + 1] == 0x80 && (buffer[at + 2] == 0xA8 || buffer[at + 2] == 0xA9) {
                    breaks.append((at, 3))
                }
            }
        }
        // Line feeds came first, in order; any other break is sorted in among them.
        if breaks.count > feeds { breaks.sort { $0.at < $1.at } }
        var starts = [0], ends: [Int] = []
        starts.reserveCapacity(breaks.count + 1)
        ends.reserveCapacity(breaks.count + 1)
        for (at, length) in breaks {
            ends.append(at)
            starts.append(at + length)
        }
        ends.append(bytes.count)
        self.bytes = bytes
        self.starts = starts
        self.ends = ends
        self.endsLinesWithCR = crAlone
    }

    /// How many lines the file has: one more than its line breaks.
    var count: Int { starts.count }

    /// Line `index` (from 0) by Unicode scalar, without its line break (a CR before an LF stays).
    func scalars(ofLine index: Int) -> [Unicode.Scalar] {
        Array(String(decoding: bytes[starts[index]..<ends[index]], as: UTF8.self).unicodeScalars)
    }

    /// The text from the end of line `first` (its break) to the end of line `last`, as written.
    func text(fromEndOfLine first: Int, toEndOfLine last: Int) -> String {
        String(decoding: bytes[ends[first]..<ends[last]], as: UTF8.self)
    }

    /// Whether any line ends in CR LF: text written into the file then ends its lines so too.
    var usesCRLF: Bool {
        starts.dropFirst().contains { $0 >= 2 && bytes[$0 - 1] == 0x0A && bytes[$0 - 2] == 0x0D }
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
            var end = ends[line]
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
                    end = ends[line]
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
                    // A quoted scalar keeps U+2028 and U+2029 (and a NEL escaped as \N) where
                    // the source may break its line: they part words as a break does.
                    let isSpace = Whitespace.isYAML(byte) || SourceLines.isSeparator(text, at: i)
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

    /// Whether NEL, U+2028 or U+2029 starts at byte `i`.
    @inline(__always) static func isSeparator(_ text: UnsafeBufferPointer<UInt8>, at i: Int) -> Bool {
        switch text[i] {
        case 0xC2: i + 1 < text.count && text[i + 1] == 0x85
        case 0xE2: i + 2 < text.count && text[i + 1] == 0x80 && (text[i + 2] == 0xA8 || text[i + 2] == 0xA9)
        default: false
        }
    }

}
