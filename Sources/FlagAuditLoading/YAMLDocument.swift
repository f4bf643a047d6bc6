import FlagAuditModel

/// A YAML file composed once into a node tree, after the preflight checks, with the
/// bytes kept for locating text.
package struct YAMLDocument {
    package let path: String
    let bytes: [UInt8]
    package let root: YAMLNode?

    package static func load(path: String, bytes: [UInt8], limits: YAMLLimits) throws(DiagnosticError) -> YAMLDocument {
        let bytes = try YAMLPreflight(path: path, bytes: bytes, limits: limits).run()
        do {
            let root = try YAMLComposer(limits: limits).compose(bytes)
            return YAMLDocument(path: path, bytes: bytes, root: root)
        } catch {
            throw DiagnosticError(diagnostic(for: error, path: path, bytes: bytes))
        }
    }

    private static func diagnostic(for error: YAMLCompositionError, path: String, bytes: [UInt8]) -> Diagnostic {
        func at(_ mark: YAMLNode.Mark) -> SourceLocation { SourceLocation(path: path, line: mark.line, column: mark.column) }
        switch error {
        case .syntax(let problem, let context, let mark):
            var message = problem
            if let context, !context.text.isEmpty { message += " (\(context.text) at line \(context.line))" }
            if line(mark.line, of: bytes).prefix(while: { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") })
                .contains(UInt8(ascii: "\t"))
            {
                message = "tab character used for indentation: YAML indents with spaces only (\(problem))"
            }
            return Diagnostic(.yamlSyntax, at: at(mark), message)
        case .reader(let problem, let offset):
            let position = UTF8Validation.position(ofByte: offset, in: bytes)
            return Diagnostic(.yamlSyntax, at: SourceLocation(path: path, line: position.line, column: position.column), problem)
        case .duplicateKeys(let duplicates, let mark):
            return Diagnostic(
                .schema, at: at(mark),
                "duplicate key\(duplicates.count > 1 ? "s" : "") \(duplicates.map { "'\($0)'" }.joined(separator: ", ")) in one mapping")
        case .limit(let message, let mark):
            return Diagnostic(.inputLimit, at: at(mark), message)
        case .memory:
            return Diagnostic(.inputLimit, at: SourceLocation.start(of: path), "out of memory while parsing YAML")
        }
    }

    /// The bytes of line `number` (from 1), without its line break.
    static func line(_ number: Int, of bytes: [UInt8]) -> ArraySlice<UInt8> {
        var start = 0, line = 1
        while line < number {
            guard let newline = bytes[start...].firstIndex(of: UInt8(ascii: "\n")) else { return [] }
            start = newline + 1
            line += 1
        }
        let end = bytes[start...].firstIndex(of: UInt8(ascii: "\n")) ?? bytes.count
        return bytes[start..<end]
    }
}
