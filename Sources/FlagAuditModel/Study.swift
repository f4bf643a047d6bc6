/// One study entry as loaded from its file: controlled values resolved to slugs, every value located.
public struct Study: Sendable {
    public var path: String
    /// Where the document starts; findings with no better place point here.
    public var origin: SourceLocation
    public var strings: FieldMap<Located<String>> = [:]
    public var numbers: FieldMap<Located<Int>> = [:]
    /// Single controlled values (design, pem, ...), as canonical slugs.
    public var terms: FieldMap<Located<String>> = [:]
    /// Lists: authors, population, case definitions, method flags (terms as canonical slugs).
    public var lists: FieldMap<[Located<String>]> = [:]
    /// Where each present key was written, so that even an empty list can be pointed at.
    public var keyLocations: FieldMap<SourceLocation> = [:]
    public var texts: FieldMap<[TextBlock]> = [:]
    /// Tag categories other than method flags (symptoms, biomarkers, ...), free vocabulary.
    public var tags: [String: [Located<String>]] = [:]
    public var suppressions: [Suppression] = []

    public init(path: String, origin: SourceLocation? = nil) {
        self.path = path
        self.origin = origin ?? SourceLocation.start(of: path)
    }

    public var id: String? { strings[.id]?.value }
    public var design: String? { terms[.design]?.value }
    public var declaredFlags: [Located<String>] { lists[.methodFlags] ?? [] }

    /// The values of a field as slugs or strings, whatever its shape (absent: empty).
    public func values(of field: StudyField) -> [String] {
        if let term = terms[field] { return [term.value] }
        if let list = lists[field] { return list.map(\.value) }
        if let string = strings[field] { return [string.value] }
        if let number = numbers[field] { return [String(number.value)] }
        return []
    }

    /// Best location for evidence about a field: its value, its key, or the document start.
    public func location(of field: StudyField) -> SourceLocation {
        terms[field]?.location ?? numbers[field]?.location ?? strings[field]?.location
            ?? lists[field]?.first?.location ?? keyLocations[field] ?? texts[field]?.first?.start
            ?? strings[.id]?.location ?? origin
    }
}
