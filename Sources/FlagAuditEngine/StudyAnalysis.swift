import FlagAuditModel
import FlagAuditText

/// A study with its free text split into located sentences, and what the text says: claim
/// strengths and design signals. Sentences are split once; claims and signals are worked out
/// when first asked for (`mutating` accessors), because most rules test the design first and
/// never need them: a cohort study's claims matter, a trial's randomisation does, rarely both.
/// Claims are always classified on demand (`classifyClaims`): nothing but rules reads them.
public struct StudyAnalysis: Sendable {
    public var study: Study
    /// Sentences by field. A sentence's `claim` is nil until its field's claims are classified.
    public private(set) var sentences: FieldMap<[Sentence]>
    /// The signals worked out so far; all of them when the analysis was made `complete`.
    public private(set) var signals: TextSignals

    let analyzer: StudyAnalyzer
    /// The study this entry reports on (`reports_on`), when the audit resolved it.
    public var linked: Study? { didSet { comparison = nil } }
    /// The comparison with `linked`, once worked out (`.some(nil)`: no claim on one side).
    var comparison: ClaimComparison??
    private var classifiedFields: Set<StudyField> = []
    private var readSignals: Set<String> = []
    private var readTerms: Set<TermCategory> = []
    private var readSampleSize = false

    /// Fields whose text is searched for the sample size, most specific first.
    static let sampleSizeFields: [StudyField] = [.text, .summary, .findings, .title]

    /// `complete: true` reads every signal up front, for callers that show them all (screen,
    /// tests); an audit passes false and pays only for the signals its rules read.
    public init(study: Study, analyzer: StudyAnalyzer, complete: Bool = true) {
        self.study = study
        self.analyzer = analyzer
        self.signals = TextSignals()
        var sentences: FieldMap<[Sentence]> = [:]
        for (field, blocks) in study.textFields {
            for block in blocks {
                sentences[field, default: []] += analyzer.splitter.sentences(of: block, field: field)
            }
        }
        self.sentences = sentences
        if complete {
            for signal in analyzer.lexicon.signals { _ = reading(of: signal.name) }
            for category in analyzer.lexicon.terms.terms.keys { _ = terms(category) }
            _ = sampleSize()
        }
    }

    /// The sentences field by field, in the order of the entry format (not copied into one array).
    private var fieldsInOrder: [[Sentence]] {
        var fields: [[Sentence]] = []
        fields.reserveCapacity(sentences.count)
        for (_, fieldSentences) in sentences { fields.append(fieldSentences) }
        return fields
    }

    /// The transformer's decisions made for this study (none read from the cache), to keep for the next run.
    public internal(set) var decisions: [ClaimDecision] = []

    /// Classifies the claims of a field's sentences, once; those already classified (a press
    /// text's lead, see `classifyClaims(in:at:)`) are not read again.
    public mutating func classifyClaims(in field: StudyField) {
        guard !classifiedFields.contains(field), let count = sentences[field]?.count else { return }
        classifyClaims(in: field, at: 0..<count)
        classifiedFields.insert(field)
    }

    /// Classifies the claims of some of a field's sentences, those not classified yet; the
    /// field's others are left for `classifyClaims(in:)` (a press text's lead, not all of it).
    mutating func classifyClaims(in field: StudyField, at indices: some Sequence<Int>) {
        guard !classifiedFields.contains(field), var fieldSentences = sentences[field] else { return }
        for index in indices where fieldSentences.indices.contains(index) && fieldSentences[index].claim == nil {
            let claim = analyzer.classifier.classify(
                fieldSentences[index].tokens, text: fieldSentences[index].text, words: fieldSentences[index].words, explain: 0)
            if let decision = claim.decision { decisions.append(decision) }
            fieldSentences[index].claim = claim
        }
        sentences[field] = fieldSentences
    }

    /// The reading of a named signal (nil: no cue in the text, which reads `unknown`).
    public mutating func reading(of signal: String) -> TextSignals.Reading? {
        if readSignals.insert(signal).inserted,
            let lexicon = analyzer.lexicon.signals.first(where: { $0.name == signal }),
            let found = TextSignals.reading(lexicon, in: fieldsInOrder, negation: analyzer.negation)
        {
            signals.values[signal] = found
        }
        return signals.values[signal]
    }

    /// A signal's reading in `sentences` alone (the screener asks of this study's sentences).
    public func reading(of signal: String, in sentences: [Sentence]) -> TextSignals.Reading? {
        guard let lexicon = analyzer.lexicon.signals.first(where: { $0.name == signal }) else { return nil }
        return TextSignals.reading(lexicon, in: [sentences], negation: analyzer.negation)
    }

    /// Decides a signal's reading for the rules (nil: no cue), in place of the whole text's:
    /// the screener reads design signals from this study's sentences only.
    public mutating func settle(_ signal: String, _ reading: TextSignals.Reading?) {
        readSignals.insert(signal)
        signals.values[signal] = reading
    }

    /// Decides the number of participants for the rules (nil: none), in place of the text's.
    public mutating func settleSampleSize(_ found: (value: Int, evidence: Evidence)?) {
        readSampleSize = true
        signals.sampleSize = found
    }

    /// The terms of a category the text names, in order of first mention.
    public mutating func terms(_ category: TermCategory) -> [TextSignals.Reading] {
        if readTerms.insert(category).inserted {
            let found = TextSignals.terms(category, in: fieldsInOrder.joined().map { ($0, $0.tokens) }, lexicon: analyzer.lexicon)
            if !found.isEmpty { signals.terms[category] = found }
        }
        return signals.terms[category] ?? []
    }

    /// The number of participants, read from the most specific field that yields one.
    public mutating func sampleSize() -> (value: Int, evidence: Evidence)? {
        if !readSampleSize {
            readSampleSize = true
            signals.sampleSize = TextSignals.sampleSize(
                in: sentences, fields: StudyAnalysis.sampleSizeFields, extractor: analyzer.sampleSizeExtractor)
        }
        return signals.sampleSize
    }
}
