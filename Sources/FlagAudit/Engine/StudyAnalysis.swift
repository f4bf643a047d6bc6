/// A study with its free text split into located, classified sentences, computed once per audit.
public struct StudyAnalysis: Sendable {
    public var study: Study
    public var sentences: [StudyField: [Sentence]]

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
                        tokens: tokens, claim: classifier.classify(tokens)))
                }
            }
        }
        self.sentences = sentences
    }
}
