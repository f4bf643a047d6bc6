import FlagAuditLoading
import FlagAuditModel


/// Reads `lexicon.yaml`: the word lists behind sentence splitting, negation and claim strength.
package struct LexiconLoader {
    package init() {}

    package func load(_ document: YAMLDocument, vocabulary: Vocabulary) throws(DiagnosticError) -> Lexicon {
        var reader = NodeReader(path: document.path)
        var lexicon = Lexicon()
        var screenNode: YAMLNode?
        var comparisonNode: YAMLNode?
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
                    guard let category = TermCategory(name: name) else {
                        reader.report(.schema, keyNode, "unknown vocabulary category '\(name)'; expected one of: \(TermCategory.allCases.map(\.name).joined(separator: ", "))")
                        continue
                    }
                    let slugs = vocabulary.terms(in: category).map(\.slug)
                    lexicon.terms.terms[category] = (reader.mapping(entriesNode, what: "terms.\(name)", allowed: slugs) ?? []).map { pair in
                        (slug: pair.key, phrases: phrases(pair.value, pair.key, &reader))
                    }
                }
            case .screen:
                screenNode = value
                lexicon.screen = readScreen(value, vocabulary: vocabulary, reader: &reader)
            case .sampleSize:
                lexicon.sampleSize = readSampleSize(value, reader: &reader)
            case .comparison:
                comparisonNode = value
                for (key, _, item) in reader.mapping(value, what: "comparison", keys: ComparisonKey.self) ?? [] {
                    let name = key.rawValue
                    switch key {
                    case .lead: lexicon.comparison.leadSentences = reader.integer(item, what: name, range: 0...20) ?? 3
                    case .reportingSentences: lexicon.comparison.reportingSentences = reader.integer(item, what: name, range: 0...200) ?? 20
                    case .conclusionHeadings: lexicon.comparison.conclusionHeadings = phrases(item, name, &reader)
                    case .reporting: lexicon.comparison.reporting = phrases(item, name, &reader)
                    case .nonHuman: lexicon.comparison.nonHuman = phrases(item, name, &reader)
                    case .preliminary: lexicon.comparison.preliminary = phrases(item, name, &reader)
                    case .nonHumanAttribute: lexicon.comparison.nonHumanAttribute = reader.string(item, what: name)
                    case .preliminarySignal: lexicon.comparison.preliminarySignal = reader.string(item, what: name)
                    }
                }
            case .version:
                _ = reader.integer(value, what: "version", range: 1...1)
            }
        }
        if let screenNode { checkSignals(of: lexicon, at: screenNode, reader: &reader) }
        if let comparisonNode {
            let comparison = lexicon.comparison
            if let attribute = comparison.nonHumanAttribute, !vocabulary.attributes(in: .designs).contains(attribute) {
                reader.report(.unknownTerm, comparisonNode, "comparison.non_human_attribute: no design has the attribute '\(attribute)'")
            }
            if let signal = comparison.preliminarySignal, lexicon.signal(signal) == nil {
                reader.report(.schema, comparisonNode, "comparison.preliminary_signal names signal '\(signal)', which the lexicon's signals do not define")
            }
        }
        if !reader.diagnostics.isEmpty { throw DiagnosticError(reader.diagnostics) }
        return lexicon
    }

    /// The signals `screen.reading` names are the lexicon's, with the values it names; checked
    /// once every section is read, since `signals` may come after `screen`.
    private func checkSignals(of lexicon: Lexicon, at node: YAMLNode, reader: inout NodeReader) {
        let reading = lexicon.screen.reading
        let known = Dictionary(lexicon.signals.map { ($0.name, $0.values.map(\.value)) }, uniquingKeysWith: { first, _ in first })
        var named: [(String, [String])] = reading.newsSignals.map { ($0, []) }
        for yesNo in [reading.randomized, reading.blinded].compactMap({ $0 }) { named.append((yesNo.signal, [yesNo.yes, yesNo.no])) }
        for signal in [reading.control, reading.review].compactMap({ $0 }) { named.append((signal, [])) }
        for (signal, values) in named {
            guard let listed = known[signal] else {
                var message = "screen.reading names signal '\(signal)', which the lexicon's signals do not define"
                if let nearest = NearestMatch.best(for: signal, among: known.keys.sorted()) { message += "; did you mean '\(nearest)'?" }
                reader.report(.schema, node, message)
                continue
            }
            for value in values where !listed.contains(value) {
                reader.report(.schema, node, "screen.reading: signal '\(signal)' has no value '\(value)'; it reads \(listed.joined(separator: ", "))")
            }
        }
    }

    private func readScreen(_ node: YAMLNode, vocabulary: Vocabulary, reader: inout NodeReader) -> ScreenLexicon {
        var screen = ScreenLexicon()
        let fields = Set(StudyField.allCases.map(\.name))
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
        if case .mapping = node, node.removing(key: ScreenKey.reading.rawValue).value == nil {
            reader.report(.missingKey, node, "screen needs 'reading': the signals and slugs the screener reads news, PEM badges and trial design with (see the default lexicon.yaml)")
        }
        for (key, _, value) in reader.mapping(node, what: "screen", keys: ScreenKey.self) ?? [] {
            let name = key.rawValue
            switch key {
            case .atlasHeadings:
                let textFields = StudyField.allCases.filter(\.isText).map(\.name)
                screen.atlasHeadings = pairs(value, name, allowedValues: Set(textFields + ["ignore", "tags", "metadata"]))
            case .atlasTags: screen.atlasTags = pairs(value, name, allowedValues: nil)
            case .atlasMetadata: screen.atlasMetadata = pairs(value, name, allowedValues: fields)
            case .fullTextHeadings: screen.fullTextHeadings = Set(reader.scalarList(value, what: name)?.map { $0.value.lowercased() } ?? [])
            case .fullTextLength: screen.fullTextLength = reader.integer(value, what: name) ?? screen.fullTextLength
            case .populationWindow: screen.populationWindow = reader.integer(value, what: name) ?? screen.populationWindow
            case .reading: screen.reading = readReading(value, vocabulary: vocabulary, reader: &reader)
            case .structure: screen.structure = readStructure(value, vocabulary: vocabulary, reader: &reader)
            }
        }
        return screen
    }

    private func readReading(_ node: YAMLNode, vocabulary: Vocabulary, reader: inout NodeReader) -> ScreenLexicon.Reading {
        var reading = ScreenLexicon.Reading()
        /// A slug of `category`, or nil with a "did you mean".
        func slug(_ node: YAMLNode, _ category: TermCategory, _ what: String) -> String? {
            guard let text = reader.string(node, what: what) else { return nil }
            let slugs = vocabulary.terms(in: category).map(\.slug)
            if slugs.contains(text) { return text }
            var message = "unknown \(category.noun) '\(text)' in \(what)"
            if let nearest = NearestMatch.best(for: text, among: slugs) { message += "; did you mean '\(nearest)'?" }
            reader.report(.unknownTerm, node, message)
            return nil
        }
        func attribute(_ node: YAMLNode, _ category: TermCategory, _ what: String) -> String? {
            guard let text = reader.string(node, what: what) else { return nil }
            let known = Set(vocabulary.terms(in: category).flatMap(\.attributes))
            if known.contains(text) { return text }
            var message = "no \(category.noun) has the attribute '\(text)' (\(what))"
            if let nearest = NearestMatch.best(for: text, among: known.sorted()) { message += "; did you mean '\(nearest)'?" }
            reader.report(.unknownTerm, node, message)
            return nil
        }
        for (key, _, value) in reader.mapping(node, what: "screen.reading", keys: ReadingKey.self) ?? [] {
            let what = "screen.reading.\(key.rawValue)"
            switch key {
            case .newsSignals: reading.newsSignals = reader.scalarList(value, what: what)?.map(\.value) ?? []
            case .newsSource: reading.newsSource = slug(value, .sources, what)
            case .pemPopulation: reading.pemPopulation = slug(value, .populations, what)
            case .pemAttribute: reading.pemAttribute = attribute(value, .caseDefinitions, what)
            case .pemBadges:
                for (badge, _, slugNode) in reader.mapping(value, what: what, keys: BadgeKey.self) ?? [] {
                    let found = slug(slugNode, .pemBadges, what + "." + badge.rawValue)
                    switch badge {
                    case .required: reading.pemBadges.required = found
                    case .notRequired: reading.pemBadges.notRequired = found
                    case .unknown: reading.pemBadges.unknown = found
                    case .notApplicable: reading.pemBadges.notApplicable = found
                    }
                }
            case .randomized, .blinded:
                var parts: [YesNoKey: String] = [:]
                for (part, _, text) in reader.mapping(value, what: what, keys: YesNoKey.self) ?? [] {
                    parts[part] = reader.string(text, what: what + "." + part.rawValue)
                }
                guard let signal = parts[.signal], let yes = parts[.yes], let no = parts[.no] else {
                    reader.report(.schema, value, "\(what) needs signal, yes and no: the signal and its values read as yes and as no")
                    continue
                }
                let yesNo = ScreenLexicon.YesNo(signal: signal, yes: yes, no: no)
                if key == .randomized { reading.randomized = yesNo } else { reading.blinded = yesNo }
            case .control: reading.control = reader.string(value, what: what)
            case .review: reading.review = reader.string(value, what: what)
            case .reviewAttributes:
                reading.reviewAttributes = Set((reader.scalarList(value, what: what) ?? []).compactMap { attribute($0.node, .designs, what) })
            }
        }
        return reading
    }

    private func readStructure(_ node: YAMLNode, vocabulary: Vocabulary, reader: inout NodeReader) -> StructureLexicon {
        var structure = StructureLexicon()
        func design(_ node: YAMLNode, _ what: String) -> String? {
            guard let text = reader.string(node, what: what) else { return nil }
            let slugs = vocabulary.terms(in: .designs).map(\.slug)
            if slugs.contains(text) { return text }
            var message = "unknown design '\(text)' in \(what)"
            if let nearest = NearestMatch.best(for: text, among: slugs) { message += "; did you mean '\(nearest)'?" }
            reader.report(.unknownTerm, node, message)
            return nil
        }
        for (key, _, value) in reader.mapping(node, what: "screen.structure", keys: StructureKey.self) ?? [] {
            let what = "screen.structure.\(key.rawValue)"
            switch key {
            case .headings:
                for (name, _, list) in reader.mapping(value, what: what, allowed: nil) ?? [] {
                    guard let section = DocumentSection(rawValue: name) else {
                        reader.report(.schema, value, "\(what): '\(name)' is no section; sections are \(DocumentSection.allCases.filter { $0 != .title }.map(\.rawValue).joined(separator: ", "))")
                        continue
                    }
                    for heading in reader.scalarList(list, what: what + "." + name) ?? [] {
                        structure.headings[StructureLexicon.headingKey(Substring(heading.value))] = section
                    }
                }
            case .furniture: structure.furniture = reader.scalarList(value, what: what)?.map { $0.value.lowercased() } ?? []
            case .thisStudy: structure.thisStudy = phrases(value, what, &reader)
            case .otherStudies: structure.otherStudies = phrases(value, what, &reader)
            case .callsForResearch: structure.callsForResearch = phrases(value, what, &reader)
            case .designExclusions: structure.designExclusions = phrases(value, what, &reader)
            case .randomizedDesign, .speciesDesign:
                var target: String?
                var list: YAMLNode?
                let listKey = key == .randomizedDesign ? "replaces" : "words"
                for (part, _, item) in reader.mapping(value, what: what, allowed: ["design", listKey]) ?? [] {
                    if part == "design" { target = design(item, what + ".design") } else { list = item }
                }
                guard let target, let list else {
                    reader.report(.schema, value, "\(what) needs design and \(listKey)")
                    continue
                }
                if key == .randomizedDesign {
                    let replaced = (reader.scalarList(list, what: what + ".replaces") ?? []).compactMap { design($0.node, what + ".replaces") }
                    structure.randomizedDesign = .init(design: target, replaces: Set(replaced))
                } else {
                    structure.speciesDesign = .init(design: target, words: phrases(list, what + ".words", &reader))
                }
            }
        }
        return structure
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
        case signals, terms, screen, comparison
    }

    enum ComparisonKey: String, CaseIterable {
        case lead
        case reportingSentences = "reporting_sentences"
        case conclusionHeadings = "conclusion_headings"
        case reporting
        case nonHuman = "non_human"
        case preliminary
        case nonHumanAttribute = "non_human_attribute"
        case preliminarySignal = "preliminary_signal"
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
        case atlasHeadings = "atlas_headings", atlasTags = "atlas_tags", atlasMetadata = "atlas_metadata"
        case fullTextHeadings = "full_text_headings", fullTextLength = "full_text_length"
        case populationWindow = "population_window"
        case reading, structure
    }

    enum StructureKey: String, CaseIterable {
        case headings, furniture
        case thisStudy = "this_study", otherStudies = "other_studies", callsForResearch = "calls_for_research"
        case randomizedDesign = "randomized_design", speciesDesign = "species_design"
        case designExclusions = "design_exclusions"
    }

    enum ReadingKey: String, CaseIterable {
        case newsSignals = "news_signals", newsSource = "news_source"
        case pemPopulation = "pem_population", pemAttribute = "pem_attribute", pemBadges = "pem_badges"
        case randomized, blinded, control, review
        case reviewAttributes = "review_attributes"
    }

    enum BadgeKey: String, CaseIterable {
        case required
        case notRequired = "not_required"
        case unknown
        case notApplicable = "not_applicable"
    }

    enum YesNoKey: String, CaseIterable {
        case signal, yes, no
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
