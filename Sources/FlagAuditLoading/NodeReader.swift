import FlagAuditModel


/// Walks a composed YAML tree against an expected shape, recording a located diagnostic for every
/// mismatch instead of stopping at the first. Scalars are read as text and typed here, so YAML 1.1
/// surprises (`no` as false, `1e3` as a float) never reach a field.
package struct NodeReader {
    let path: String
    package private(set) var diagnostics: [Diagnostic] = []

    package init(path: String) { self.path = path }

    package func location(_ node: YAMLNode) -> SourceLocation {
        SourceLocation(path: path, line: node.mark.line, column: node.mark.column)
    }

    package mutating func report(_ check: BuiltinCheck, _ node: YAMLNode, _ message: String, field: String? = nil) {
        diagnostics.append(Diagnostic(check, at: location(node), message, field: field))
    }

    package mutating func report(_ diagnostic: Diagnostic) { diagnostics.append(diagnostic) }

    static func isNull(_ node: YAMLNode) -> Bool {
        guard case .scalar(let scalar) = node, scalar.style == .plain || scalar.style == .any else { return false }
        switch scalar.string {
        case "", "~", "null", "Null", "NULL": return true
        default: return false
        }
    }

    package static func describe(_ node: YAMLNode) -> String {
        switch node {
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .scalar(let scalar):
            if isNull(node) { return "nothing" }
            if scalar.style == .plain {
                if scalar.string == "true" || scalar.string == "false" { return "a boolean" }
                if Int(scalar.string) != nil { return "a number" }
            }
            return "a string"
        }
    }

    /// Key-value pairs of a mapping with string keys, reporting unknown keys with the nearest known one.
    package mutating func mapping(_ node: YAMLNode, what: String, allowed: [String]?) -> [(key: String, keyNode: YAMLNode, value: YAMLNode)]? {
        guard case .mapping(let mapping) = node else {
            report(.schema, node, "\(what) must be a mapping, found \(NodeReader.describe(node))")
            return nil
        }
        // Built with the labels it is returned with, so returning it converts nothing.
        var pairs: [(key: String, keyNode: YAMLNode, value: YAMLNode)] = []
        pairs.reserveCapacity(mapping.count)
        for (keyNode, value) in mapping {
            guard case .scalar(let key) = keyNode else {
                report(.schema, keyNode, "keys of \(what) must be plain names, found \(NodeReader.describe(keyNode))")
                continue
            }
            if let allowed, !allowed.contains(key.string) {
                var message = "unknown key \(Diagnostic.quoted(key.string)) in \(what)"
                if let nearest = NearestMatch.best(for: key.string, among: allowed) {
                    message += "; did you mean '\(nearest)'?"
                } else {
                    message += "; expected one of: \(allowed.joined(separator: ", "))"
                }
                report(.schema, keyNode, message, field: key.string)
                continue
            }
            pairs.append((key: key.string, keyNode: keyNode, value: value))
        }
        return pairs
    }

    /// As `mapping(_:what:allowed:)` with the keys a reader knows as an enum, so that a `switch`
    /// over them is exhaustive: a key added to the enum cannot fall silently into another's branch.
    package mutating func mapping<Key: RawRepresentable & CaseIterable>(
        _ node: YAMLNode, what: String, keys: Key.Type, except excluded: Set<String> = []
    ) -> [(key: Key, keyNode: YAMLNode, value: YAMLNode)]? where Key.RawValue == String {
        let allowed = Key.allCases.map(\.rawValue).filter { !excluded.contains($0) }
        return mapping(node, what: what, allowed: allowed)?.compactMap { pair in
            Key(rawValue: pair.key).map { (key: $0, keyNode: pair.keyNode, value: pair.value) }
        }
    }

    /// A scalar as text; nil (with a diagnostic) for collections, nil silently for null.
    package mutating func string(_ node: YAMLNode, what: String) -> String? {
        if NodeReader.isNull(node) { return nil }
        guard case .scalar(let scalar) = node else {
            report(.schema, node, "\(what) must be text, found \(NodeReader.describe(node))", field: what)
            return nil
        }
        return scalar.string
    }

    /// A plain whole number; quoted digits, floats and booleans are rejected.
    package mutating func integer(_ node: YAMLNode, what: String, range: ClosedRange<Int> = 0...Int.max) -> Int? {
        if NodeReader.isNull(node) { return nil }
        guard case .scalar(let scalar) = node, scalar.style == .plain || scalar.style == .any,
            let value = Int(scalar.string.utf8.contains(UInt8(ascii: "_")) ? scalar.string.replacingOccurrences(of: "_", with: "") : scalar.string)
        else {
            report(.schema, node, "\(what) must be a whole number, found \(NodeReader.describe(node))", field: what)
            return nil
        }
        guard range.contains(value) else {
            report(.schema, node, "\(what) must be between \(range.lowerBound) and \(range.upperBound), found \(value)", field: what)
            return nil
        }
        return value
    }

    /// Only `true` and `false` are booleans (YAML 1.1's yes/no/on/off are not).
    package mutating func bool(_ node: YAMLNode, what: String) -> Bool? {
        guard case .scalar(let scalar) = node, scalar.style == .plain || scalar.style == .any,
            scalar.string == "true" || scalar.string == "false"
        else {
            report(.schema, node, "\(what) must be true or false, found \(NodeReader.describe(node))", field: what)
            return nil
        }
        return scalar.string == "true"
    }

    /// A list of scalars; a lone scalar is reported, since a list was asked for.
    package mutating func scalarList(_ node: YAMLNode, what: String) -> [(value: String, node: YAMLNode)]? {
        if NodeReader.isNull(node) { return [] }
        guard case .sequence(let sequence) = node else {
            report(.schema, node, "\(what) must be a list, found \(NodeReader.describe(node)); write [\(node.scalar.map { $0.string.clipped(to: 60) } ?? "...")]", field: what)
            return nil
        }
        var items: [(value: String, node: YAMLNode)] = []
        items.reserveCapacity(sequence.count)
        for item in sequence {
            // The description is made only for an item that is not text (it was made for every item).
            if case .scalar(let scalar) = item, !NodeReader.isNull(item) {
                items.append((scalar.string, item))
            } else if let value = string(item, what: "an item of \(what)") {
                items.append((value, item))
            }
        }
        return items
    }

    /// A list of strings or a single string, for fields that hold either.
    package mutating func stringOrList(_ node: YAMLNode, what: String) -> [(value: String, node: YAMLNode)]? {
        if case .sequence = node { return scalarList(node, what: what) }
        guard let value = string(node, what: what) else { return NodeReader.isNull(node) ? [] : nil }
        return [(value, node)]
    }
}
