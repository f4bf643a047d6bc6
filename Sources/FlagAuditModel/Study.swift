/// One study entry as loaded from its file: controlled values resolved to slugs, every value located.
public struct Study: Sendable {
    public var path: String
    /// Where the document starts; findings with no better place point here.
    public var origin: SourceLocation
    /// Every field the entry gives, in the order of the entry format.
    public var fields: FieldMap<FieldEntry> = [:]
    /// Tag categories other than method flags (symptoms, biomarkers, ...), free vocabulary.
    public var tags: [String: [Located<String>]] = [:]
    public var suppressions: [Suppression] = []

    public init(path: String, origin: SourceLocation? = nil) {
        self.path = path
        self.origin = origin ?? SourceLocation.start(of: path)
    }

    /// The field's value; setting one keeps where its key was written.
    public subscript(field: StudyField) -> FieldValue? {
        get { fields[field]?.value }
        set {
            if newValue == nil && fields[field]?.key == nil { fields[field] = nil } else { fields[field, default: FieldEntry()].value = newValue }
        }
    }

    /// Where the field's key is written, so that even an empty list can be pointed at.
    public subscript(keyOf field: StudyField) -> SourceLocation? {
        get { fields[field]?.key }
        set {
            if newValue == nil && fields[field]?.value == nil { fields[field] = nil } else { fields[field, default: FieldEntry()].key = newValue }
        }
    }

    public func string(_ field: StudyField) -> Located<String>? {
        if case .string(let value)? = self[field] { value } else { nil }
    }

    public func number(_ field: StudyField) -> Located<Int>? {
        if case .number(let value)? = self[field] { value } else { nil }
    }

    public func term(_ field: StudyField) -> Located<String>? {
        if case .term(let value)? = self[field] { value } else { nil }
    }

    public func list(_ field: StudyField) -> [Located<String>]? {
        if case .list(let values)? = self[field] { values } else { nil }
    }

    public func texts(_ field: StudyField) -> [TextBlock]? {
        if case .text(let blocks)? = self[field] { blocks } else { nil }
    }

    /// The free-text fields the entry gives, in the order of the entry format.
    public var textFields: some Sequence<(field: StudyField, blocks: [TextBlock])> {
        fields.lazy.compactMap { field, entry in
            if case .text(let blocks)? = entry.value { (field, blocks) } else { nil }
        }
    }

    public var id: String? { string(.id)?.value }
    public var design: String? { term(.design)?.value }
    public var declaredFlags: [Located<String>] { list(.methodFlags) ?? [] }

    /// The values of a field as slugs or strings, whatever its shape (absent or text: empty).
    public func values(of field: StudyField) -> [String] {
        switch self[field] {
        case .term(let term)?, .string(let term)?: [term.value]
        case .list(let list)?: list.map(\.value)
        case .number(let number)?: [String(number.value)]
        case .text?, nil: []
        }
    }

    /// Best location for evidence about a field: its value, its key, or the document start.
    public func location(of field: StudyField) -> SourceLocation {
        let entry = fields[field]
        switch entry?.value {
        case .term(let value)?, .string(let value)?: return value.location
        case .number(let value)?: return value.location
        case .list(let values)?: if let first = values.first { return first.location }
        case .text, nil: break
        }
        if let key = entry?.key { return key }
        if let blocks = texts(field), let first = blocks.first { return first.start }
        return string(.id)?.location ?? origin
    }
}
