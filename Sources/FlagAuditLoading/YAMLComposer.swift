
// libyaml's C interface, as Yams builds it, read as events: the loaders need a node's value,
// style and marks only, so no tag object, anchor or key hash is made per node (Yams's
// composer makes all three).
import CYaml

/// Why a file could not be composed; `YAMLDocument` turns each into a located diagnostic.
enum YAMLCompositionError: Error {
    /// libyaml's scanner or parser, or a second document: its problem, context and position.
    case syntax(problem: String, context: (text: String, line: Int)?, mark: YAMLNode.Mark)
    /// libyaml's reader (a control character, say), at a byte offset.
    case reader(problem: String, byteOffset: Int)
    case duplicateKeys([String], mark: YAMLNode.Mark)
    /// Nesting too deep, an alias bomb, an alias as a key.
    case limit(String, mark: YAMLNode.Mark)
    case memory
}

/// Composes one YAML document from libyaml's events, iteratively (no recursion, so depth
/// costs no stack), with the safety limits checked as it goes: exact nesting depth, aliases
/// as keys, and the size of the document once aliases are expanded, counted per anchor.
struct YAMLComposer {
    let limits: YAMLLimits

    private struct Frame {
        var isMapping: Bool
        /// A mapping's children alternate key, value.
        var children: [YAMLNode] = []
        var mark: YAMLNode.Mark
        var anchor: String?
        /// Nodes in this subtree with aliases expanded, capped just past the budget.
        var size = 1
        /// Bytes of scalar text in this subtree with aliases expanded, capped just past the budget.
        var bytes = 0
    }

    /// The document's root; nil for a file with no document (empty, or comments only).
    func compose(_ bytes: [UInt8]) throws(YAMLCompositionError) -> YAMLNode? {
        if bytes.isEmpty { return nil }
        let parser = UnsafeMutablePointer<yaml_parser_t>.allocate(capacity: 1)
        defer { parser.deallocate() }
        guard yaml_parser_initialize(parser) == 1 else { throw .memory }
        defer { yaml_parser_delete(parser) }
        yaml_parser_set_encoding(parser, YAML_UTF8_ENCODING)
        return try bytes.withUnsafeBufferPointer { (buffer) throws(YAMLCompositionError) -> YAMLNode? in
            yaml_parser_set_input_string(parser, buffer.baseAddress, buffer.count)
            return try compose(parser)
        }
    }

    private func compose(_ parser: UnsafeMutablePointer<yaml_parser_t>) throws(YAMLCompositionError) -> YAMLNode? {
        var event = yaml_event_t()
        func next() throws(YAMLCompositionError) -> yaml_event_type_t {
            yaml_event_delete(&event)
            guard yaml_parser_parse(parser, &event) == 1 else { throw error(of: parser.pointee) }
            return event.type
        }
        defer { yaml_event_delete(&event) }

        _ = try next()  // the stream's start
        guard try next() == YAML_DOCUMENT_START_EVENT else { return nil }
        let budget = limits.maxExpandedNodes, byteBudget = limits.maxExpandedBytes
        var stack: [Frame] = []
        var anchors: [String: (node: YAMLNode, size: Int, bytes: Int)] = [:]
        var root: (node: YAMLNode, size: Int, bytes: Int)?

        func add(_ node: YAMLNode, size: Int, bytes: Int, anchor: UnsafeMutablePointer<yaml_char_t>?, at mark: YAMLNode.Mark) throws(YAMLCompositionError) {
            if let anchor { anchors[String(cString: anchor)] = (node, size, bytes) }
            if stack.isEmpty {
                root = (node, size, bytes)
            } else {
                stack[stack.count - 1].children.append(node)
                stack[stack.count - 1].size = min(stack[stack.count - 1].size + size, budget + 1)
                stack[stack.count - 1].bytes = min(stack[stack.count - 1].bytes + bytes, byteBudget + 1)
                // Stopped where it happens: expanding further would only cost time and memory later.
                if stack[stack.count - 1].bytes > byteBudget {
                    throw .limit("aliases expand the document to more than \(byteBudget) bytes of text (an alias bomb?)", mark: mark)
                }
            }
        }

        while root == nil {
            let type = try next()
            let mark = YAMLNode.Mark(line: event.start_mark.line + 1, column: event.start_mark.column + 1)
            switch type {
            case YAML_SCALAR_EVENT:
                let scalar = event.data.scalar
                let string = String(decoding: UnsafeBufferPointer(start: scalar.value, count: scalar.length), as: UTF8.self)
                let end = YAMLNode.Mark(line: event.end_mark.line + 1, column: event.end_mark.column + 1)
                try add(.scalar(.init(string: string, style: YAMLComposer.style(scalar.style), mark: mark, end: end)),
                        size: 1, bytes: scalar.length, anchor: scalar.anchor, at: mark)
            case YAML_ALIAS_EVENT:
                if let top = stack.last, top.isMapping, top.children.count % 2 == 0 {
                    throw .limit("an alias cannot be used as a mapping key", mark: mark)
                }
                guard let anchored = anchors[String(cString: event.data.alias.anchor)] else {
                    throw .syntax(problem: "found undefined alias", context: nil, mark: mark)
                }
                try add(anchored.node, size: anchored.size, bytes: anchored.bytes, anchor: nil, at: mark)
            case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
                if stack.count >= limits.maxDepth {
                    throw .limit("nesting deeper than \(limits.maxDepth) levels", mark: mark)
                }
                let anchor = type == YAML_SEQUENCE_START_EVENT ? event.data.sequence_start.anchor : event.data.mapping_start.anchor
                stack.append(Frame(isMapping: type == YAML_MAPPING_START_EVENT, mark: mark, anchor: anchor.map { String(cString: $0) }))
            case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                let frame = stack.removeLast()
                let node: YAMLNode
                if frame.isMapping {
                    try YAMLComposer.checkDuplicateKeys(frame.children)
                    var pairs: [(key: YAMLNode, value: YAMLNode)] = []
                    pairs.reserveCapacity(frame.children.count / 2)
                    for index in stride(from: 0, to: frame.children.count - 1, by: 2) {
                        pairs.append((frame.children[index], frame.children[index + 1]))
                    }
                    node = .mapping(.init(pairs: pairs, mark: frame.mark))
                } else {
                    node = .sequence(.init(items: frame.children, mark: frame.mark))
                }
                if let anchor = frame.anchor { anchors[anchor] = (node, frame.size, frame.bytes) }
                try add(node, size: frame.size, bytes: frame.bytes, anchor: nil, at: frame.mark)
            default:
                break
            }
        }
        guard let root else { return nil }
        if root.size > budget {
            throw .limit("aliases expand the document to more than \(budget) nodes (an alias bomb?)", mark: root.node.mark)
        }
        _ = try next()  // the document's end
        if try next() != YAML_STREAM_END_EVENT {
            throw .syntax(
                problem: "but found another document", context: ("expected a single document in the stream", 1),
                mark: YAMLNode.Mark(line: event.start_mark.line + 1, column: event.start_mark.column + 1))
        }
        return root.node
    }

    /// Scalar keys that occur more than once, reported at the first occurrence of the first in order.
    private static func checkDuplicateKeys(_ children: [YAMLNode]) throws(YAMLCompositionError) {
        var duplicates: Set<String> = []
        if children.count <= 64 {
            // An entry's mappings are small: comparing keys pairwise beats hashing them.
            for index in stride(from: 2, to: children.count, by: 2) {
                guard case .scalar(let key) = children[index] else { continue }
                for earlier in stride(from: 0, to: index, by: 2) where children[earlier].scalar?.string == key.string {
                    duplicates.insert(key.string)
                    break
                }
            }
        } else {
            var seen: Set<String> = []
            seen.reserveCapacity(children.count / 2)
            for index in stride(from: 0, to: children.count, by: 2) {
                guard case .scalar(let key) = children[index] else { continue }
                if !seen.insert(key.string).inserted { duplicates.insert(key.string) }
            }
        }
        guard let first = duplicates.min() else { return }
        let mark = stride(from: 0, to: children.count, by: 2).lazy
            .compactMap { children[$0].scalar }.first { $0.string == first }?.mark ?? YAMLNode.Mark(line: 1, column: 1)
        throw .duplicateKeys(duplicates.sorted(), mark: mark)
    }

    private static func style(_ style: yaml_scalar_style_t) -> YAMLNode.Scalar.Style {
        switch style {
        case YAML_PLAIN_SCALAR_STYLE: .plain
        case YAML_SINGLE_QUOTED_SCALAR_STYLE: .singleQuoted
        case YAML_DOUBLE_QUOTED_SCALAR_STYLE: .doubleQuoted
        case YAML_LITERAL_SCALAR_STYLE: .literal
        case YAML_FOLDED_SCALAR_STYLE: .folded
        default: .any
        }
    }

    private func error(of parser: yaml_parser_t) -> YAMLCompositionError {
        let problem = parser.problem.map { String(cString: $0) } ?? "malformed YAML"
        let mark = YAMLNode.Mark(line: parser.problem_mark.line + 1, column: parser.problem_mark.column + 1)
        let context = parser.context.map { (text: String(cString: $0), line: parser.context_mark.line + 1) }
        switch parser.error {
        case YAML_MEMORY_ERROR: return .memory
        case YAML_READER_ERROR: return .reader(problem: problem, byteOffset: parser.problem_offset)
        // libyaml's own bound (1,000 levels), met while scanning ahead of the events we count.
        case _ where problem.hasPrefix("Maximum nesting level"):
            return .limit("nesting deeper than \(limits.maxDepth) levels", mark: mark)
        default: return .syntax(problem: problem, context: context, mark: mark)
        }
    }
}
