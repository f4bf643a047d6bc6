import FlagAuditEngine
import FlagAuditIngest
import FlagAuditLoading
import FlagAuditModel
import FlagAuditText
import Foundation

/// Pre-screens raw text that is not yet an entry: recognises its kind, extracts what it can
/// (never guessing), and audits the draft entry that results with the same rules as `check`.
public struct Screener: Sendable {
    public struct Result: Sendable {
        public var extraction: Extraction
        public var report: StudyReport
        public var study: Study
        /// Method flags as an atlas page spells them (empty for other texts).
        public var writtenFlags: [String]
        /// Set when the text cannot be judged: then no flag built on unseen evidence is suggested.
        public var cannotJudge: CannotJudge? = nil
        /// What the text was read from (its format, and for a PDF the page of each line); nil
        /// when it could not be read, and then the report's findings say why.
        public var source: IngestedText? = nil

        public var isUnreadable: Bool { source == nil }
    }

    public let auditor: Auditor
    public let ingest: Ingest

    public init(pack: RulePack, ingest: Ingest = Ingest()) {
        self.auditor = Auditor(pack: pack)
        self.ingest = ingest
    }

    private var lexicon: Lexicon { auditor.pack.lexicon }
    private var vocabulary: Vocabulary { auditor.pack.vocabulary }

    /// The file at `path` (text, PDF, DOCX or HTML), or standard input for `-`.
    public func screen(contentsOf path: String) -> Result {
        do throws(DiagnosticError) {
            return screen(try ingest.read(path))
        } catch {
            return unreadable(path == "-" ? Ingest.standardInputName : path, error)
        }
    }

    /// An upload's bytes, named by its file name.
    public func screen(bytes: [UInt8], name: String) -> Result {
        do throws(DiagnosticError) {
            return screen(try ingest.ingest(bytes, path: name))
        } catch {
            return unreadable(name, error)
        }
    }

    /// A text that could not be read: its diagnostics as the report, nothing extracted.
    private func unreadable(_ path: String, _ error: DiagnosticError) -> Result {
        let report = auditor.audit(LoadedStudy(path: path, study: nil, diagnostics: error.diagnostics))
        return Result(extraction: Extraction(kind: .abstract), report: report, study: Study(path: path), writtenFlags: [])
    }

    public func screen(_ document: IngestedText) -> Result {
        var result = screen(path: document.path, text: document.text)
        result.source = document
        guard result.extraction.kind != .atlasPage,
            let verdict = CannotJudge.assess(text: document.text, extraction: result.extraction, format: document.format.rawValue)
        else { return result }
        result.cannotJudge = verdict
        withhold(&result.report, keepingQuotes: verdict.reason == .noMethods)
        return result
    }

    /// Drops the findings a text that cannot be judged would rest on evidence never seen: all of
    /// them, or all but those quoting one of its sentences. Declared flags stay as written.
    private func withhold(_ report: inout StudyReport, keepingQuotes: Bool) {
        report.matches = keepingQuotes ? report.matches.filter { $0.evidence.contains(where: \.isText) } : []
        let rules = Set(report.matches.map(\.rule.id))
        report.findings = report.findings.filter { rules.contains($0.rule) }
        report.evidence = report.evidence.filter { rules.contains($0.rule) }
        let flags = Set(report.evidence.compactMap(\.flag))
        report.suggestedFlags = report.suggestedFlags.filter(flags.contains)
        report.missingFlags = report.missingFlags.filter(flags.contains)
    }

    public func screen(path: String, text: String) -> Result {
        let raw = RawText(path: path, text: text)
        let atlas = AtlasPageParser(vocabulary: vocabulary, lexicon: lexicon.screen)
        var study: Study
        var diagnostics: [Diagnostic] = []
        var writtenFlags: [String] = []
        var kind: TextKind
        if atlas.isAtlasPage(raw) {
            let page = atlas.parse(raw)
            study = page.study
            diagnostics = page.diagnostics
            writtenFlags = page.writtenFlags
            kind = .atlasPage
        } else {
            study = Study(path: path)
            let lines = raw.lines.indices
            if let titleLine = headline(raw) { study[.title] = raw.block(.title, lines: titleLine..<(titleLine + 1)).map { .text([$0]) } }
            study[.text] = raw.block(.text, lines: lines.lowerBound..<lines.upperBound).map { .text([$0]) }
            kind = .abstract
        }
        study[.id] = .string(Located(Screener.slug(for: path), at: study.origin))
        var analysis = auditor.analyze(study)
        var ownDesign: TextSignals.Reading?
        if kind != .atlasPage {
            let structure = DocumentStructure(
                raw: raw, title: analysis.sentences[.title] ?? [], text: analysis.sentences[.text] ?? [], lexicon: lexicon.screen.structure)
            let signals = analysis.signals
            if structure.isScholarly {
                kind = raw.text.unicodeScalars.count > lexicon.screen.fullTextLength ? .fullText : .abstract
            } else if lexicon.screen.reading.newsSignals.contains(where: { signals.values[$0] != nil }) {
                kind = .news
            } else if isFullText(raw) {
                kind = .fullText
            }
            ownDesign = readOwnStudy(structure, into: &analysis)
        } else {
            // An atlas page's text is the atlas's summary of one study: every sentence is its own.
            let named = analysis.signals.terms[.designs] ?? []
            let slug = lexicon.terms.terms[.designs]?.map(\.slug).first { slug in named.contains { $0.value == slug } }
            ownDesign = named.first { $0.value == slug }
        }
        var extraction = extract(kind: kind, analysis: analysis, design: ownDesign)
        // An atlas page states its own fields; extraction fills only what it leaves out.
        if kind == .atlasPage {
            extraction.source = study.term(.source)?.value ?? extraction.source
            extraction.design = study.term(.design)?.value ?? extraction.design
            extraction.pem = study.term(.pem)?.value ?? extraction.pem
        }
        clearTrialSignals(ifReview: &extraction)
        apply(extraction, to: &study)
        var report = auditor.audit(LoadedStudy(path: path, study: study, diagnostics: diagnostics), analysis: analysis)
        if kind != .atlasPage { Screener.speakToDraft(&report) }
        return Result(extraction: extraction, report: report, study: study, writtenFlags: writtenFlags)
    }

    /// A raw text has no entry yet: its findings speak of the draft entry's flags and fields,
    /// not of `tags.method_flags` in a file the editor does not have.
    static func speakToDraft(_ report: inout StudyReport) {
        func reword(_ message: String) -> String {
            message.replacingOccurrences(of: "to tags.method_flags", with: "to the draft entry's flags")
                .replacingOccurrences(of: "set sample_size and add", with: "set the draft's sample size and add")
        }
        for index in report.findings.indices { report.findings[index].message = reword(report.findings[index].message) }
        for index in report.evidence.indices { report.evidence[index].message = reword(report.evidence[index].message) }
    }

    /// The first non-empty line, or the next one when the first only adds a breadcrumb before it.
    private func headline(_ raw: RawText) -> Int? {
        // The first two lines with text are all it reads: no other line is trimmed.
        var nonEmpty: [Int] = []
        for index in raw.lines.indices where !raw.trimmed(index).isEmpty {
            nonEmpty.append(index)
            if nonEmpty.count == 2 { break }
        }
        guard let first = nonEmpty.first else { return nil }
        if nonEmpty.count > 1, raw.trimmed(first).hasSuffix(raw.trimmed(nonEmpty[1])) { return nonEmpty[1] }
        return first
    }

    private func isFullText(_ raw: RawText) -> Bool {
        guard raw.text.unicodeScalars.count > lexicon.screen.fullTextLength else { return false }
        let headings = raw.lines.indices.map { raw.trimmed($0).lowercased() }.filter(lexicon.screen.fullTextHeadings.contains)
        return Set(headings).count >= 2
    }

    /// Reads the design signals and the design from this study's sentences only, tier by tier
    /// (`DocumentSection.tier`), and settles them in `analysis` for the rules. Returns the design.
    private func readOwnStudy(_ structure: DocumentStructure, into analysis: inout StudyAnalysis) -> TextSignals.Reading? {
        let tiers = (0..<DocumentSection.tiers).map(structure.own(tier:))
        let news = Set(lexicon.screen.reading.newsSignals)
        for signal in lexicon.signals where !news.contains(signal.name) {
            let current = analysis
            analysis.settle(signal.name, tiers.lazy.compactMap { current.reading(of: signal.name, in: $0) }.first)
        }
        let rules = lexicon.screen.structure
        var design = tiers.lazy.compactMap { self.design(in: $0) }.first
        if let species = rules.speciesDesign, design.map({ !isLaboratory($0.value) && !isReview($0.value) }) ?? true,
            let named = speciesNamed(in: tiers[0] + tiers[1], words: species.words)
        {
            design = TextSignals.Reading(value: species.design, evidence: named)
        }
        if let randomized = rules.randomizedDesign, let yesNo = lexicon.screen.reading.randomized,
            let reading = analysis.signals.values[yesNo.signal], reading.value == yesNo.yes,
            design.map({ randomized.replaces.contains($0.value) }) ?? true
        {
            design = TextSignals.Reading(value: randomized.design, evidence: reading.evidence)
        }
        if let design, isLaboratory(design.value) { analysis.settleSampleSize(nil) }
        return design
    }

    /// The design a tier's sentences name: phrases matched longest first, none inside a longer
    /// match or a topic phrase (`design_exclusions`); of those, the first design in the
    /// lexicon's priority order, at its first mention.
    private func design(in sentences: [Sentence]) -> TextSignals.Reading? {
        let entries = lexicon.terms.terms[.designs] ?? []
        let exclusions = lexicon.screen.structure.designExclusions
        var best: (priority: Int, reading: TextSignals.Reading)?
        var matches: [(priority: Int, range: Range<Int>)] = []
        for sentence in sentences {
            matches.removeAll(keepingCapacity: true)
            for (priority, entry) in entries.enumerated() where entry.phrases.mayMatch(sentence.words) {
                for range in entry.phrases.matches(in: sentence.tokens) { matches.append((priority, range)) }
            }
            if matches.isEmpty { continue }
            var taken = exclusions.mayMatch(sentence.words) ? exclusions.matches(in: sentence.tokens) : []
            matches.sort { ($0.range.count, -$0.range.lowerBound) > ($1.range.count, -$1.range.lowerBound) }
            for match in matches where !taken.contains(where: { $0.overlaps(match.range) }) {
                taken.append(match.range)
                if best == nil || match.priority < best!.priority {
                    best = (match.priority, TextSignals.Reading(value: entries[match.priority].slug, evidence: TextSignals.evidence(sentence, match.range)))
                }
            }
        }
        return best?.reading
    }

    /// The first sentence naming one of `words`, when the sentences name animals more often
    /// than people (`sample_size.people`): a study of animals.
    private func speciesNamed(in sentences: [Sentence], words: PhraseSet) -> Evidence? {
        let people = lexicon.sampleSize.people
        var found: Evidence?
        var animals = 0, humans = 0
        for sentence in sentences {
            humans += sentence.tokens.reduce(0) { people.contains($1.text) ? $0 + 1 : $0 }
            guard words.mayMatch(sentence.words) else { continue }
            let matches = words.matches(in: sentence.tokens, words: sentence.words)
            animals += matches.count
            if found == nil, let range = matches.first { found = TextSignals.evidence(sentence, range) }
        }
        return animals > humans ? found : nil
    }

    private func isLaboratory(_ design: String) -> Bool {
        guard let species = lexicon.screen.structure.speciesDesign else { return false }
        if design == species.design { return true }
        let attributes = vocabulary.term(species.design, in: .designs)?.attributes ?? []
        return !attributes.isEmpty && !(vocabulary.term(design, in: .designs)?.attributes ?? []).isDisjoint(with: attributes)
    }

    private func isReview(_ design: String) -> Bool {
        !(vocabulary.term(design, in: .designs)?.attributes ?? []).isDisjoint(with: lexicon.screen.reading.reviewAttributes)
    }

    private func extract(kind: TextKind, analysis: StudyAnalysis, design: TextSignals.Reading?) -> Extraction {
        let signals = analysis.signals
        var extraction = Extraction(kind: kind)
        let reading = lexicon.screen.reading
        if kind == .news {
            extraction.source = reading.newsSource
            extraction.evidence["source"] = reading.newsSignals.lazy.compactMap { signals.values[$0]?.evidence }.first
        }
        extraction.design = design?.value
        extraction.evidence["design"] = design?.evidence
        // Populations from the title and the opening of the text only: a paper mentions many
        // conditions in passing. Words beyond the window are cut off, as if the text ended there.
        let window = lexicon.screen.populationWindow
        let opening = (analysis.sentences[.title] ?? []).map { ($0, $0.tokens) }
            + (analysis.sentences[.text] ?? []).filter { $0.offset < window }.map { sentence in
                (sentence, sentence.tokens.filter { sentence.offset + $0.end <= window })
            }
        let populations = TextSignals.terms(.populations, in: opening, lexicon: lexicon)
        extraction.population = populations.map(\.value)
        extraction.evidence["population"] = populations.first?.evidence
        extraction.sampleSize = signals.sampleSize?.value
        extraction.evidence["sample_size"] = signals.sampleSize?.evidence
        extraction.caseDefinition = signals.terms[.caseDefinitions]?.map(\.value) ?? []
        extraction.evidence["case_definition"] = signals.terms[.caseDefinitions]?.first?.evidence
        let badges = reading.pemBadges
        if let population = reading.pemPopulation, extraction.population.contains(population) {
            let requiring = reading.pemAttribute.map { vocabulary.slugs(withAttribute: $0, in: .caseDefinitions) } ?? []
            if extraction.caseDefinition.contains(where: requiring.contains) {
                extraction.pem = badges.required
            } else {
                extraction.pem = extraction.caseDefinition.isEmpty ? badges.unknown : badges.notRequired
            }
        } else if !extraction.population.isEmpty {
            extraction.pem = badges.notApplicable
        }
        extraction.randomized = reading.randomized?.read(signals)
        extraction.blinded = reading.blinded?.read(signals)
        func known(_ signal: String?) -> String? {
            guard let signal else { return nil }
            let value = signals.value(signal)
            return value == TextSignals.unknown ? nil : value
        }
        extraction.control = known(reading.control)
        extraction.review = known(reading.review)
        for (field, signal, read) in [
            ("randomized", reading.randomized?.signal, extraction.randomized != nil), ("blinded", reading.blinded?.signal, extraction.blinded != nil),
            ("control", reading.control, extraction.control != nil), ("review", reading.review, extraction.review != nil),
        ] where read {
            extraction.evidence[field] = signal.flatMap { signals.values[$0]?.evidence }
        }
        return extraction
    }

    /// A review's randomisation, blinding and controls are its included studies', not its own.
    private func clearTrialSignals(ifReview extraction: inout Extraction) {
        guard let design = extraction.design, let term = vocabulary.term(design, in: .designs),
            !term.attributes.isDisjoint(with: lexicon.screen.reading.reviewAttributes)
        else { return }
        extraction.randomized = nil
        extraction.blinded = nil
        extraction.control = nil
        for field in ["randomized", "blinded", "control"] { extraction.evidence[field] = nil }
    }

    private func apply(_ extraction: Extraction, to study: inout Study) {
        let at = study.origin
        if study.term(.source) == nil, let source = extraction.source { study[.source] = .term(Located(source, at: at)) }
        if study.term(.design) == nil, let design = extraction.design { study[.design] = .term(Located(design, at: at)) }
        if study.term(.pem) == nil, let pem = extraction.pem { study[.pem] = .term(Located(pem, at: at)) }
        if study.list(.population) == nil, !extraction.population.isEmpty {
            study[.population] = .list(extraction.population.map { Located($0, at: at) })
        }
        if study.list(.caseDefinition) == nil, !extraction.caseDefinition.isEmpty {
            study[.caseDefinition] = .list(extraction.caseDefinition.map { Located($0, at: at) })
        }
    }

    /// An entry id from a file name: "004 News MAIR.txt" → "004-news-mair".
    public static func slug(for path: String) -> String {
        let name = ((path as NSString).lastPathComponent as NSString).deletingPathExtension.lowercased()
        var slug = ""
        for scalar in name.unicodeScalars {
            if ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) {
                slug.unicodeScalars.append(scalar)
            } else if !slug.isEmpty && !slug.hasSuffix("-") {
                slug += "-"
            }
        }
        while slug.hasSuffix("-") { slug.removeLast() }
        return slug.isEmpty ? "screened-text" : slug
    }
}
