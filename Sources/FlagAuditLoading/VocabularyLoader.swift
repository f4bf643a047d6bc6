import FlagAuditModel


/// Reads `vocabulary.yaml`: one list of terms per category, every term with slug, label and aliases.
package struct VocabularyLoader {
    package init() {}

    package func load(_ document: YAMLDocument) throws(DiagnosticError) -> Vocabulary {
        var reader = NodeReader(path: document.path)
        guard let root = document.root else {
            throw DiagnosticError(Diagnostic(.schema, at: SourceLocation.start(of: document.path), "empty vocabulary file"))
        }
        var terms: [TermCategory: [Term]] = [:]
        var levelDesigns: [(slug: String, designs: [(String, YAMLNode)])] = []
        let keys = ["version"] + TermCategory.allCases.map(\.name)
        for (key, _, value) in reader.mapping(root, what: "the vocabulary", allowed: keys) ?? [] {
            guard let category = TermCategory(name: key) else {
                _ = reader.integer(value, what: "version", range: 1...1)
                continue
            }
            guard case .sequence(let items) = value else {
                reader.report(.schema, value, "\(key) must be a list of terms, found \(NodeReader.describe(value))")
                continue
            }
            var seen: Set<String> = []
            for item in items {
                guard let term = readTerm(item, category: category, reader: &reader, levelDesigns: &levelDesigns) else { continue }
                if !seen.insert(term.slug).inserted {
                    reader.report(.schema, item, "duplicate \(category.noun) '\(term.slug)'")
                }
                terms[category, default: []].append(term)
            }
        }
        for category in TermCategory.allCases where terms[category, default: []].isEmpty {
            reader.report(.schema, root, "the vocabulary defines no \(category.name)")
        }
        let designs = Set(terms[.designs, default: []].map(\.slug))
        for level in levelDesigns {
            for (design, node) in level.designs where !designs.contains(design) {
                var message = "evidence level \(level.slug) admits unknown design '\(design)'"
                if let nearest = NearestMatch.best(for: design, among: Array(designs).sorted()) { message += "; did you mean '\(nearest)'?" }
                reader.report(.unknownTerm, node, message)
            }
        }
        let flags = Set(terms[.methodFlags, default: []].map(\.slug))
        for flag in terms[.methodFlags, default: []] {
            if let opposite = flag.opposite, !flags.contains(opposite) {
                reader.report(Diagnostic(.unknownTerm, at: SourceLocation.start(of: document.path),
                                         "method flag \(flag.slug) names unknown opposite '\(opposite)'"))
            }
        }
        if !reader.diagnostics.isEmpty { throw DiagnosticError(reader.diagnostics) }
        return Vocabulary(terms: terms)
    }

    private func readTerm(
        _ node: YAMLNode, category: TermCategory, reader: inout NodeReader,
        levelDesigns: inout [(slug: String, designs: [(String, YAMLNode)])]
    ) -> Term? {
        // `opposite` is a method flag's, `designs` an evidence level's.
        var excluded: Set<String> = []
        if category != .methodFlags { excluded.insert(TermKey.opposite.rawValue) }
        if category != .evidenceLevels { excluded.insert(TermKey.designs.rawValue) }
        guard let pairs = reader.mapping(node, what: "a \(category.noun) term", keys: TermKey.self, except: excluded) else { return nil }
        var term = Term(slug: "", label: "")
        var designs: [(String, YAMLNode)]?
        for (key, _, value) in pairs {
            switch key {
            case .slug: term.slug = reader.string(value, what: "slug") ?? ""
            case .label: term.label = reader.string(value, what: "label") ?? ""
            case .aliases: term.aliases = reader.scalarList(value, what: "aliases")?.map(\.value) ?? []
            case .description: term.description = reader.string(value, what: "description")
            case .attributes: term.attributes = Set(reader.scalarList(value, what: "attributes")?.map(\.value) ?? [])
            case .opposite: term.opposite = reader.string(value, what: "opposite")
            case .designs:
                if case .scalar(let scalar) = value, scalar.string == "any" {
                    designs = nil
                } else {
                    designs = reader.scalarList(value, what: "designs")
                    term.admittedDesigns = Set(designs?.map(\.0) ?? [])
                }
            }
        }
        if term.slug.isEmpty || term.label.isEmpty {
            reader.report(.missingKey, node, "a \(category.noun) term needs both 'slug' and 'label'")
            return nil
        }
        guard VocabularyLoader.isSlug(term.slug) else {
            reader.report(.schema, node, "\(category.noun) slug '\(term.slug)' must be letters and digits in words joined by hyphens (like 'pem-not-defined' or 'E2')")
            return nil
        }
        if let designs { levelDesigns.append((term.slug, designs)) }
        return term
    }

    /// Letters and digits of ASCII in words joined by single hyphens: a slug is written into
    /// YAML, HTML attributes, SARIF properties and baseline keys, so it holds nothing that any
    /// of them would have to escape.
    static func isSlug(_ text: String) -> Bool {
        var previousWasHyphen = true
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                previousWasHyphen = false
            case UInt8(ascii: "-") where !previousWasHyphen:
                previousWasHyphen = true
            default:
                return false
            }
        }
        return !previousWasHyphen
    }
}

extension VocabularyLoader {
    /// A term's keys, in the order `vocabulary.yaml` writes them.
    enum TermKey: String, CaseIterable {
        case slug, label, aliases, description, attributes, opposite, designs
    }
}
