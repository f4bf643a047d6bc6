import FlagAuditModel

/// Checks a YAML file's bytes before libyaml sees them: size, encoding and NUL bytes. Nesting
/// depth, aliases and their expansion are checked while composing (`YAMLComposer`).
struct YAMLPreflight {
    let path: String
    let bytes: [UInt8]
    let limits: YAMLLimits

    func run() throws(DiagnosticError) {
        if bytes.count > limits.maxBytes {
            throw fail(at: 0, "file is \(bytes.count) bytes; the limit is \(limits.maxBytes) bytes")
        }
        if let nul = UTF8Validation.firstNUL(in: bytes) {
            throw fail(at: nul, "NUL byte in file: expected UTF-8 text")
        }
        if let invalid = UTF8Validation.firstInvalidOffset(in: bytes) {
            throw fail(at: invalid, "invalid UTF-8 (byte 0x\(String(bytes[invalid], radix: 16, uppercase: true))): save the file as UTF-8")
        }
    }

    private func fail(at offset: Int, _ message: String) -> DiagnosticError {
        let position = UTF8Validation.position(ofByte: offset, in: bytes)
        return DiagnosticError(Diagnostic(
            .inputLimit, at: SourceLocation(path: path, line: position.line, column: position.column), message))
    }
}
