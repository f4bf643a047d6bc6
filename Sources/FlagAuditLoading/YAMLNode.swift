
/// A composed YAML node: what the loaders read. Aliases are already followed (an alias is the
/// anchored node itself, shared, not copied), and tags are dropped: readers type plain scalars
/// themselves, so YAML 1.1 surprises never reach a field.
package enum YAMLNode: Sendable {
    case scalar(Scalar)
    case sequence(Sequence)
    case mapping(Mapping)

    /// Where a node starts in its file: line and column from 1, columns in Unicode scalars.
    package struct Mark: Sendable, Equatable {
        var line: Int
        var column: Int
    }

    package struct Scalar: Sendable {
        /// libyaml's scalar styles, in its order.
        package enum Style: Sendable { case any, plain, singleQuoted, doubleQuoted, literal, folded }
        var string: String
        var style: Style
        var mark: Mark
        /// Just past the scalar's last character (a closing quote included).
        var end: Mark
    }

    package struct Sequence: Sendable {
        var items: [YAMLNode]
        var mark: Mark
    }

    package struct Mapping: Sendable {
        var pairs: [(key: YAMLNode, value: YAMLNode)]
        var mark: Mark
    }

    package var mark: Mark {
        switch self {
        case .scalar(let scalar): scalar.mark
        case .sequence(let sequence): sequence.mark
        case .mapping(let mapping): mapping.mark
        }
    }

    package var scalar: Scalar? {
        if case .scalar(let scalar) = self { return scalar }
        return nil
    }
}

extension YAMLNode {
    /// A mapping without the pair of a scalar key, and that pair's value; other nodes as they are.
    package func removing(key: String) -> (rest: YAMLNode, value: YAMLNode?) {
        guard case .mapping(var mapping) = self,
            let index = mapping.pairs.firstIndex(where: { $0.key.scalar?.string == key })
        else { return (self, nil) }
        let value = mapping.pairs.remove(at: index).value
        return (.mapping(mapping), value)
    }
}

extension YAMLNode.Sequence: RandomAccessCollection {
    package var startIndex: Int { items.startIndex }
    package var endIndex: Int { items.endIndex }
    package subscript(position: Int) -> YAMLNode { items[position] }
}

extension YAMLNode.Mapping: RandomAccessCollection {
    package var startIndex: Int { pairs.startIndex }
    package var endIndex: Int { pairs.endIndex }
    package subscript(position: Int) -> (key: YAMLNode, value: YAMLNode) { pairs[position] }
}
