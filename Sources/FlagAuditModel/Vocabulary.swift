import Foundation

/// All controlled values of an atlas, loaded from `rules/vocabulary.yaml`.
public struct Vocabulary: Sendable {
    private var terms: [TermCategory: [Term]]
    private var index: [TermCategory: [String: String]]
    /// Each category's slugs and their place in `terms`: resolving a value is one lookup,
    /// never a scan of the list (every entry resolves a dozen).
    private var positions: [TermCategory: [String: Int]]

    public init(terms: [TermCategory: [Term]]) {
        self.terms = terms
        var index: [TermCategory: [String: String]] = [:]
        var positions: [TermCategory: [String: Int]] = [:]
        for (category, list) in terms {
            var places: [String: Int] = [:]
            for (position, term) in list.enumerated() where places[term.slug] == nil { places[term.slug] = position }
            positions[category] = places
            var map: [String: String] = [:]
            for term in list {
                for spelling in [term.slug, term.label] + term.aliases {
                    let key = Vocabulary.normalize(spelling)
                    if map[key] == nil { map[key] = term.slug }
                }
            }
            index[category] = map
        }
        self.index = index
        self.positions = positions
    }

    public func terms(in category: TermCategory) -> [Term] { terms[category] ?? [] }

    public func term(_ slug: String, in category: TermCategory) -> Term? {
        guard let position = positions[category]?[slug] else { return nil }
        return terms[category]?[position]
    }

    /// A term's display label, read in place: one field, without copying the whole `Term` out
    /// (seven fields, most of them reference counted).
    public func label(of slug: String, in category: TermCategory) -> String? {
        guard let position = positions[category]?[slug] else { return nil }
        return terms[category]?[position].label
    }

    /// Slugs of the terms in `category` that carry `attribute`.
    public func slugs(withAttribute attribute: String, in category: TermCategory) -> Set<String> {
        Set(terms(in: category).filter { $0.attributes.contains(attribute) }.map(\.slug))
    }

    public func attributes(in category: TermCategory) -> Set<String> {
        terms(in: category).reduce(into: Set<String>()) { $0.formUnion($1.attributes) }
    }

    public func resolve(_ written: String, in category: TermCategory) -> TermResolution {
        if positions[category]?[written] != nil { return .canonical(written) }
        if let slug = index[category]?[Vocabulary.normalize(written)] { return .nonCanonical(slug) }
        let list = terms(in: category)
        let spellings = list.flatMap { term in ([term.slug, term.label] + term.aliases).map { ($0, term.slug) } }
        let nearest = NearestMatch.best(
            for: Vocabulary.normalize(written), among: spellings.map { (Vocabulary.normalize($0.0), $0.1) })
        return .unknown(suggestion: nearest)
    }

    /// Whether the evidence level admits the design (unknown levels admit nothing).
    public func level(_ level: String, admits design: String) -> Bool {
        guard let position = positions[.evidenceLevels]?[level], let levels = terms[.evidenceLevels] else { return false }
        return levels[position].admittedDesigns?.contains(design) ?? true
    }

    /// Case, spaces, hyphens, underscores and slashes do not distinguish terms:
    /// `PEM_DEFINED`, `PEM Defined` and `pem-defined` are one flag.
    static func normalize(_ text: String) -> String {
        String(text.lowercased().unicodeScalars.filter { CharacterSet.alphanumerics.contains($0) }.map(Character.init))
    }
}
