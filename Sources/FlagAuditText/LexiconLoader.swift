import FlagAuditLoading
import FlagAuditModel


/// Reads `lexicon.yaml`: the word lists behind sentence splitting, negation and claim strength.
package struct LexiconLoader {
    package init() {}

    package func load(_ document: YAMLDocument, vocabulary: Vocabulary) throws(DiagnosticError) -> Lexicon {
        var reader = NodeReader(path: document.path)
        var lexicon = Lexicon()
        guard let root = document.root else {
            throw DiagnosticError(Diagnostic(.schema, at: SourceLocation.start(of: document.path), "empty lexicon file"))
        }
        for (key, _, value) in reader.mapping(root, what: "the lexicon", keys: Section.self) ?? [] {
            switch key {
            case .sentences:
                for (_, _, list) in reader.mapping(value, what: "sentences", allowed: ["abbreviations"]) ?? [] {
                    let name = "abbreviations"
                    lexicon.abbreviations = Set(reader.scalarList(list, what: name)?.map { $0.value.lowercased() } ?? [])
                }
            case .negation:
                for (key, _, item) in reader.mapping(value, what: "negation", keys: NegationKey.self) ?? [] {
                    let name = key.rawValue
                    switch key {
                    case .window: lexicon.negationWindow = reader.integer(item, what: "window", range: 0...20) ?? 4
                    case .negators: lexicon.negators = phrases(item, name, &reader)
                    case .scopes: lexicon.negationScopes = phrases(item, name, &reader)
                    case .scopeClosers: lexicon.scopeClosers = phrases(item, name, &reader)
                    }
                }
            case .claims:
                for (key, _, item) in reader.mapping(value, what: "claims", keys: ClaimKey.self) ?? [] {
                    let name = key.rawValue
                    switch key {
                    case .hedges: lexicon.hedges = phrases(item, name, &reader)
                    case .causal: lexicon.causalCues = phrases(item, name, &reader)
                    case .aims: lexicon.aims = phrases(item, name, &reader)
                    case .participles: lexicon.participles = phrases(item, name, &reader)
                    case .participleGuards:
                        lexicon.participleGuards = Set(reader.scalarList(item, what: name)?.map { $0.value.lowercased() } ?? [])
                    case .correlational: lexicon.correlationalCues = phrases(item, name, &reader)
                    }
                }
            case .signals:
                for (name, _, valuesNode) in reader.mapping(value, what: "signals", allowed: nil) ?? [] {
                    let values = (reader.mapping(valuesNode, what: "signal \(name)", allowed: nil) ?? []).map { pair in
                        (value: pair.key, phrases: phrases(pair.value, pair.key, &reader))
                    }
                    if values.map(\.value).contains(TextSignals.unknown) {
                        reader.report(.schema, valuesNode, "'unknown' is what a signal reads when no value matches; it cannot be listed")
                    }
                    lexicon.signals.append(SignalLexicon(name: name, values: values))
                }
            case .terms:
                for (name, keyNode, entriesNode) in reader.mapping(value, what: "terms", allowed: nil) ?? [] {
                    guard let category = TermCategory(rawValue: name) else {
                        reader.report(.schema, keyNode, "unknown vocabulary category '\(name)'; expected one of: \(TermCategory.allCases.map(\.rawValue).joined(separator: ", "))")
                        continue
                    }
                    let slugs = vocabulary.terms(in: category).map(\.slug)
                    lexicon.terms.terms[category] = (reader.mapping(entriesNode, what: "terms.\(name)", allowed: slugs) ?? []).map { pair in
                        (slug: pair.key, phrases: phrases(pair.value, pair.key, &reader))
                    }
                }
            case .screen:
                lexicon.screen = readScreen(value, reader: &reader)
            case .sampleSize:
                lexicon.sampleSize = readSampleSize(value, reader: &reader)
            case .version:
                _ = reader.integer(value, what: "version", range: 1...1)
            }
        }
        if !reader.diagnostics.isEmpty { throw DiagnosticError(reader.diagnostics) }
        return lexicon
    }

    private func readScreen(_ node: YAMLNode, reader: inout NodeReader) -> ScreenLexicon {
        var screen = ScreenLexicon()
        let fields = Set(StudyField.allCases.map(\.rawValue))
        func pairs(_ node: YAMLNode, _ name: String, allowedValues: Set<String>?) -> [String: String] {
            var map: [String: String] = [:]
            for (key, _, value) in reader.mapping(node, what: name, allowed: nil) ?? [] {
                guard let text = reader.string(value, what: key) else { continue }
                if let allowedValues, !allowedValues.contains(text) {
                    reader.report(.schema, value, "'\(text)' is not an entry field here; expected one of: \(allowedValues.sorted().joined(separator: ", "))")
                    continue
                }
                map[key] = text
            }
            return map
        }
        for (key, _, value) in reader.mapping(node, what: "screen", keys: ScreenKey.self) ?? [] {
            let name = key.rawValue
            switch key {
            case .atlasHeadings:
                let textFields = StudyField.allCases.filter(\.isText).map(\.rawValue)
                screen.atlasHeadings = pairs(value, name, allowedValues: Set(textFields + ["ignore", "tags", "metadata"]))
            case .atlasTags: screen.atlasTags = pairs(value, name, allowedValues: nil)
            case .atlasMetadata: screen.atlasMetadata = pairs(value, name, allowedValues: fields)
            case .fullTextHeadings: screen.fullTextHeadings = Set(reader.scalarList(value, what: name)?.map { $0.value.lowercased() } ?? [])
            case .fullTextLength: screen.fullTextLength = reader.integer(value, what: name) ?? screen.fullTextLength
            case .populationWindow: screen.populationWindow = reader.integer(value, what: name) ?? screen.populationWindow
            }
        }
        return screen
    }

    private func readSampleSize(_ node: YAMLNode, reader: inout NodeReader) -> SampleSizeLexicon {
        var lexicon = SampleSizeLexicon()
        func words(_ node: YAMLNode, _ name: String) -> Set<String> {
            Set(reader.scalarList(node, what: name)?.map { $0.value.lowercased() } ?? [])
        }
        for (key, _, item) in reader.mapping(node, what: "sample_size", keys: SampleSizeKey.self) ?? [] {
            let name = key.rawValue
            switch key {
            case .people: lexicon.people = words(item, name)
            case .notPeople: lexicon.notPeople = words(item, name)
            case .multipliers: lexicon.multipliers = words(item, name)
            case .perGroup: lexicon.perGroup = words(item, name)
            case .enrolment: lexicon.enrolment = phrases(item, name, &reader)
            case .screening: lexicon.screening = phrases(item, name, &reader)
            case .totals: lexicon.totals = phrases(item, name, &reader)
            case .subsets: lexicon.subsets = phrases(item, name, &reader)
            case .reviewMarkers: lexicon.reviewMarkers = phrases(item, name, &reader)
            case .numberWords:
                for (word, _, value) in reader.mapping(item, what: "number_words", allowed: nil) ?? [] {
                    if let number = reader.integer(value, what: word, range: 0...1_000_000) { lexicon.numberWords[word.lowercased()] = number }
                }
            }
        }
        return lexicon
    }

    private func phrases(_ node: YAMLNode, _ name: String, _ reader: inout NodeReader) -> PhraseSet {
        PhraseSet(reader.scalarList(node, what: name)?.map(\.value) ?? [])
    }
}

/// The lexicon's keys by section, in the order `lexicon.yaml` writes them.
extension LexiconLoader {
    enum Section: String, CaseIterable {
        case version, sentences, negation, claims
        case sampleSize = "sample_size"
        case signals, terms, screen
    }

    enum NegationKey: String, CaseIterable {
        case negators, window, scopes
        case scopeClosers = "scope_closers"
    }

    enum ClaimKey: String, CaseIterable {
        case hedges, causal, participles
        case participleGuards = "participle_guards"
        case aims, correlational
    }

    enum ScreenKey: String, CaseIterable {
        case atlasHeadings = "atlas_headings"
        case atlasTags = "atlas_tags"
        case atlasMetadata = "atlas_metadata"
        case fullTextHeadings = "full_text_headings"
        case fullTextLength = "full_text_length"
        case populationWindow = "population_window"
    }

    enum SampleSizeKey: String, CaseIterable {
        case people
        case notPeople = "not_people"
        case multipliers
        case perGroup = "per_group"
        case enrolment, screening, totals, subsets
        case numberWords = "number_words"
        case reviewMarkers = "review_markers"
    }
}
