/// Checks a YAML file's bytes before libyaml sees them: size, encoding, NUL bytes, nesting depth
/// and aliases used as keys. The parser composes recursively, so nesting is bounded here first.
struct YAMLPreflight {
    let path: String
    let bytes: [UInt8]
    let limits: YAMLLimits

    func run() throws(DiagnosticError) -> String {
        if bytes.count > limits.maxBytes {
            throw fail(at: 0, "file is \(bytes.count) bytes; the limit is \(limits.maxBytes) bytes")
        }
        if let nul = bytes.firstIndex(of: 0) {
            throw fail(at: nul, "NUL byte in file: expected UTF-8 text")
        }
        if let invalid = UTF8Validation.firstInvalidOffset(in: bytes) {
            throw fail(at: invalid, "invalid UTF-8 (byte 0x\(String(bytes[invalid], radix: 16, uppercase: true))): save the file as UTF-8")
        }
        try checkStructure()
        return String(decoding: bytes, as: UTF8.self)
    }

    private func fail(at offset: Int, _ message: String) -> DiagnosticError {
        let position = UTF8Validation.position(ofByte: offset, in: bytes)
        return DiagnosticError(Diagnostic(
            .inputLimit, at: SourceLocation(path: path, line: position.line, column: position.column), message))
    }

    /// A lexical pass that over-estimates collection nesting (indentation levels, compact `- -`
    /// items, flow brackets) and rejects aliases used as mapping keys, whose hashing during
    /// composition would expand an alias bomb.
    private func checkStructure() throws(DiagnosticError) {
        let space: UInt8 = 0x20, tab: UInt8 = 0x09, newline: UInt8 = 0x0A, carriageReturn: UInt8 = 0x0D
        var indentStack: [Int] = []
        var flowDepth = 0
        var quote: UInt8?
        var blockScalarParent: Int?
        var lineStart = 0
        let n = bytes.count
        while lineStart < n {
            var lineEnd = lineStart
            while lineEnd < n && bytes[lineEnd] != newline { lineEnd += 1 }
            var end = lineEnd
            if end > lineStart && bytes[end - 1] == carriageReturn { end -= 1 }
            var indent = 0
            while lineStart + indent < end && bytes[lineStart + indent] == space { indent += 1 }
            let first = lineStart + indent
            let blank = first >= end || bytes[first] == tab || bytes[first] == UInt8(ascii: "#")
            defer { lineStart = lineEnd + 1 }
            if let parent = blockScalarParent {
                if blank || indent > parent { continue }
                blockScalarParent = nil
            }
            if quote == nil && flowDepth == 0 && !blank {
                while let top = indentStack.last, top > indent { indentStack.removeLast() }
                if indentStack.last != indent { indentStack.append(indent) }
            }
            var position = first
            var atValueStart = true
            var tokenStart = indent
            var lastStructural = indent
            var compact = 0
            scan: while position < end {
                let c = bytes[position]
                let next: UInt8 = position + 1 < end ? bytes[position + 1] : space
                if let q = quote {
                    if q == UInt8(ascii: "\"") && c == UInt8(ascii: "\\") { position += 2; continue }
                    if c == q {
                        if q == UInt8(ascii: "'") && next == q { position += 2; continue }
                        quote = nil
                        atValueStart = false
                    }
                    position += 1
                    continue
                }
                switch c {
                case space, tab:
                    break
                case UInt8(ascii: "#") where position == lineStart || bytes[position - 1] == space || bytes[position - 1] == tab:
                    break scan
                case UInt8(ascii: "\""), UInt8(ascii: "'"):
                    if atValueStart || flowDepth > 0 {
                        quote = c
                        tokenStart = position - lineStart
                    }
                    atValueStart = false
                case UInt8(ascii: "["), UInt8(ascii: "{"):
                    if atValueStart || flowDepth > 0 {
                        flowDepth += 1
                        atValueStart = true
                    }
                case UInt8(ascii: "]"), UInt8(ascii: "}"):
                    if flowDepth > 0 { flowDepth -= 1 }
                case UInt8(ascii: ","):
                    if flowDepth > 0 { atValueStart = true }
                case UInt8(ascii: "-") where atValueStart && flowDepth == 0 && (next == space || next == tab):
                    compact += 1
                    lastStructural = position - lineStart
                case UInt8(ascii: "?") where atValueStart && (next == space || next == tab):
                    lastStructural = position - lineStart
                case UInt8(ascii: ":") where next == space || next == tab || flowDepth > 0:
                    compact += 1
                    lastStructural = tokenStart
                    atValueStart = true
                case UInt8(ascii: "|"), UInt8(ascii: ">"):
                    if atValueStart && flowDepth == 0 {
                        blockScalarParent = lastStructural
                        break scan
                    }
                    atValueStart = false
                case UInt8(ascii: "*") where atValueStart:
                    var cursor = position + 1
                    while cursor < end, !" \t,[]{}".utf8.contains(bytes[cursor]) { cursor += 1 }
                    while cursor < end, bytes[cursor] == space || bytes[cursor] == tab { cursor += 1 }
                    let followedByColon = cursor < end && bytes[cursor] == UInt8(ascii: ":")
                    let afterQuestionMark = position >= 2 && bytes[position - 2] == UInt8(ascii: "?")
                    if followedByColon || afterQuestionMark {
                        throw fail(at: position, "an alias cannot be used as a mapping key")
                    }
                    atValueStart = false
                    position = cursor
                    continue
                default:
                    if atValueStart { tokenStart = position - lineStart }
                    atValueStart = false
                }
                if 2 * indentStack.count + compact + flowDepth > limits.maxDepth {
                    throw fail(at: position, "nesting deeper than \(limits.maxDepth) levels")
                }
                position += 1
            }
        }
    }
}
