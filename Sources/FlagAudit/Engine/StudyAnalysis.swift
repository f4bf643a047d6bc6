/// A study with its free text split into located, classified sentences, computed once per audit.
public struct StudyAnalysis: Sendable {
    public var study: Study
    public var sentences: [StudyField: [Sentence]]
    public var signals: TextSignals

    /// Fields whose text is searched for the sample size, most specific first.
    static let sampleSizeFields: [StudyField] = [.text, .summary, .findings, .title]

    public init(study: Study, splitter: SentenceSplitter, classifier: ClaimClassifier) {
        self.study = study
        var sentences: [StudyField: [Sentence]] = [:]
        for (field, blocks) in study.texts {
            for block in blocks {
                let scalars = Array(block.text.unicodeScalars)
                for range in splitter.ranges(in: scalars) {
                    let tokens = Tokenizer.tokens(scalars[range])
                    var text = String.UnicodeScalarView()
                    text.append(contentsOf: scalars[range])
                    sentences[field, default: []].append(Sentence(
                        field: field, text: String(text), location: block.location(ofOffset: range.lowerBound),
                        offset: range.lowerBound, tokens: tokens, claim: classifier.classify(tokens)))
                }
            }
        }
        self.sentences = sentences
        let ordered = StudyField.allCases.flatMap { sentences[$0] ?? [] }
        self.signals = TextSignals(
            sentences: ordered, lexicon: classifier.lexicon, negation: Negation(lexicon: classifier.lexicon),
            sampleSizeFields: StudyAnalysis.sampleSizeFields)
    }
}
