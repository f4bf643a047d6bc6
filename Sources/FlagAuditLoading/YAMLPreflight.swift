import FlagAuditModel

/// Checks a YAML file's bytes before libyaml sees them: size, then `TextPreflight`, which
/// gives the text's bytes without a byte order mark. Nesting
/// depth, aliases and their expansion are checked while composing (`YAMLComposer`).
struct YAMLPreflight {
    let path: String
    let bytes: [UInt8]
    let limits: YAMLLimits

    func run() throws(DiagnosticError) -> [UInt8] {
        if bytes.count > limits.maxBytes {
            throw DiagnosticError(Diagnostic(
                .inputLimit, at: SourceLocation.start(of: path), "file is \(bytes.count) bytes; the limit is \(limits.maxBytes) bytes"))
        }
        return try TextPreflight.text(bytes, path: path)
    }
}

/// The one test that a file's bytes are text, for entries, rule packs and raw texts alike:
/// no NUL byte, and valid UTF-8; the problem is located at its line and column.
package enum TextPreflight {
    /// The bytes as text: a UTF-8 byte order mark says only "UTF-8", is no part of the text and
    /// is dropped, so lines and columns are counted without it; then `check`.
    package static func text(_ bytes: [UInt8], path: String) throws(DiagnosticError) -> [UInt8] {
        let text = UTF8Validation.hasByteOrderMark(bytes) ? Array(bytes.dropFirst(3)) : bytes
        try check(text, path: path)
        return text
    }

    private static func check(_ bytes: [UInt8], path: String) throws(DiagnosticError) {
        if let nul = UTF8Validation.firstNUL(in: bytes) {
            throw fail(path, bytes, at: nul, "NUL byte in file: expected UTF-8 text")
        }
        if let invalid = UTF8Validation.firstInvalidOffset(in: bytes) {
            throw fail(path, bytes, at: invalid, "invalid UTF-8 (byte 0x\(String(bytes[invalid], radix: 16, uppercase: true))): save the file as UTF-8")
        }
    }

    private static func fail(_ path: String, _ bytes: [UInt8], at offset: Int, _ message: String) -> DiagnosticError {
        let position = UTF8Validation.position(ofByte: offset, in: bytes)
        return DiagnosticError(Diagnostic(
            .inputLimit, at: SourceLocation(path: path, line: position.line, column: position.column), message))
    }
}
