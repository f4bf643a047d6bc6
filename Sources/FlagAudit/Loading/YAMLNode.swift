/// A composed YAML node: what the loaders read. Aliases are already followed (an alias is the
/// anchored node itself, shared, not copied), and tags are dropped: readers type plain scalars
/// themselves, so YAML 1.1 surprises never reach a field.
enum YAMLNode: Sendable {
    case scalar(Scalar)
    case sequence(Sequence)
    case mapping(Mapping)

    /// Where a node starts in its file: line and column from 1, columns in Unicode scalars.
    struct Mark: Sendable, Equatable {
        var line: Int
        var column: Int
    }

    struct Scalar: Sendable {
        /// libyaml's scalar styles, in its order.
        enum Style: Sendable { case any, plain, singleQuoted, doubleQuoted, literal, folded }
        var string: String
        var style: Style
        var mark: Mark
    }

    struct Sequence: Sendable {
        var items: [YAMLNode]
        var mark: Mark
    }

    struct Mapping: Sendable {
        var pairs: [(key: YAMLNode, value: YAMLNode)]
        var mark: Mark
    }

    var mark: Mark {
        switch self {
        case .scalar(let scalar): scalar.mark
        case .sequence(let sequence): sequence.mark
        case .mapping(let mapping): mapping.mark
        }
    }

    var scalar: Scalar? {
        if case .scalar(let scalar) = self { return scalar }
        return nil
    }
}

extension YAMLNode.Sequence: RandomAccessCollection {
    var startIndex: Int { items.startIndex }
    var endIndex: Int { items.endIndex }
    subscript(position: Int) -> YAMLNode { items[position] }
}

extension YAMLNode.Mapping: RandomAccessCollection {
    var startIndex: Int { pairs.startIndex }
    var endIndex: Int { pairs.endIndex }
    subscript(position: Int) -> (key: YAMLNode, value: YAMLNode) { pairs[position] }
}
