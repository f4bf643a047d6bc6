/// What an entry gives one field, in the shape the field's kind (`StudyField.Kind`) asks for.
public enum FieldValue: Sendable {
    case string(Located<String>)
    case number(Located<Int>)
    /// A single controlled value (design, pem, ...), as its canonical slug.
    case term(Located<String>)
    /// Authors, or controlled values as canonical slugs (population, case definitions, method flags).
    case list([Located<String>])
    /// Free text, one block per paragraph or list item.
    case text([TextBlock])
}

/// One top-level field of an entry: where its key is written and the value read from it. Either
/// may be missing: a key with an invalid value has no value, and a value read out of prose
/// (screened text, atlas pages) may have no key.
public struct FieldEntry: Sendable {
    public var key: SourceLocation?
    public var value: FieldValue?

    public init(key: SourceLocation? = nil, value: FieldValue? = nil) {
        self.key = key
        self.value = value
    }
}
