import Yams

/// A YAML file composed once into a node tree, after the preflight checks, with the
/// source kept for locating text. Each document is used on one task only (nodes are not Sendable).
struct YAMLDocument {
    let path: String
    let source: String
    let root: Node?

    static func load(path: String, bytes: [UInt8], limits: YAMLLimits) throws(DiagnosticError) -> YAMLDocument {
        let source = try YAMLPreflight(path: path, bytes: bytes, limits: limits).run()
        do {
            // Tags are never read (NodeReader interprets plain scalars itself), so the basic
            // resolver spares a regular expression per scalar; UTF-8 spares reading the environment.
            let parser = try Parser(yaml: source, resolver: .basic, encoding: .utf8)
            let root = try parser.singleRoot()
            // Without a '*' anywhere there is no alias to expand, and counting is skipped.
            if let root, bytes.contains(UInt8(ascii: "*")) {
                // Anchors are weakly held by nodes and owned by the parser: count while it lives.
                var memo: [ObjectIdentifier: Int] = [:]
                let expanded = withExtendedLifetime(parser) {
                    expandedSize(of: root, memo: &memo, budget: limits.maxExpandedNodes)
                }
                if expanded > limits.maxExpandedNodes {
                    let mark = root.mark
                    throw DiagnosticError(Diagnostic(
                        .inputLimit,
                        at: SourceLocation(path: path, line: mark?.line ?? 1, column: mark?.column ?? 1),
                        "aliases expand the document to more than \(limits.maxExpandedNodes) nodes (an alias bomb?)"))
                }
            }
            return YAMLDocument(path: path, source: source, root: root)
        } catch let error as DiagnosticError {
            throw error
        } catch let error as YamlError {
            throw DiagnosticError(diagnostic(for: error, path: path, source: source))
        } catch {
            throw DiagnosticError(Diagnostic(
                .yamlSyntax, at: SourceLocation(path: path, line: 1, column: 1), "\(error)"))
        }
    }

    /// Node count with aliases expanded, memoised per anchor so that counting a bomb stays cheap.
    private static func expandedSize(of node: Node, memo: inout [ObjectIdentifier: Int], budget: Int) -> Int {
        if let anchor = node.anchor, let known = memo[ObjectIdentifier(anchor)] { return known }
        var size = 1
        switch node {
        case .scalar, .alias:
            break
        case .sequence(let sequence):
            for child in sequence where size <= budget {
                size += expandedSize(of: child, memo: &memo, budget: budget)
            }
        case .mapping(let mapping):
            for (key, value) in mapping where size <= budget {
                size += expandedSize(of: key, memo: &memo, budget: budget)
                size += expandedSize(of: value, memo: &memo, budget: budget)
            }
        }
        if let anchor = node.anchor { memo[ObjectIdentifier(anchor)] = size }
        return size
    }

    private static func diagnostic(for error: YamlError, path: String, source: String) -> Diagnostic {
        func at(_ mark: Mark) -> SourceLocation { SourceLocation(path: path, line: mark.line, column: mark.column) }
        func describe(_ problem: String, _ context: YamlError.Context?, _ mark: Mark) -> Diagnostic {
            var message = problem
            if let context, !context.text.isEmpty { message += " (\(context.text) at line \(context.mark.line))" }
            if YAMLDocument.line(mark.line, of: source).prefix(while: { $0 == " " || $0 == "\t" }).contains("\t") {
                message = "tab character used for indentation: YAML indents with spaces only (\(problem))"
            }
            return Diagnostic(.yamlSyntax, at: at(mark), message)
        }
        switch error {
        case .scanner(let context, let problem, let mark, _),
             .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            return describe(problem, context, mark)
        case .reader(let problem, let offset, _, _):
            var location = SourceLocation(path: path, line: 1, column: 1)
            if let offset {
                let lines = String(source.prefix(offset)).scalarLines
                location.line = lines.count
                location.column = (lines.last?.unicodeScalars.count ?? 0) + 1
            }
            return Diagnostic(.yamlSyntax, at: location, problem)
        case .duplicatedKeysInMapping(let duplicates, let context):
            return Diagnostic(
                .schema, at: at(context.mark),
                "duplicate key\(duplicates.count > 1 ? "s" : "") \(duplicates.map { "'\($0)'" }.joined(separator: ", ")) in one mapping")
        default:
            return Diagnostic(.yamlSyntax, at: SourceLocation(path: path, line: 1, column: 1), "\(error)")
        }
    }

    static func line(_ number: Int, of source: String) -> String {
        let lines = source.scalarLines
        return lines.indices.contains(number - 1) ? lines[number - 1] : ""
    }
}
