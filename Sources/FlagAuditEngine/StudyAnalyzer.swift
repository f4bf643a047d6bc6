import FlagAuditText

/// What analysing a study's text needs, built once per pack and shared by every analysis by
/// reference: the splitter, the claim classifier (lexicon and model), negation and the
/// sample-size extractor. Immutable, so sharing it across tasks is safe.
public final class StudyAnalyzer: Sendable {
    public let splitter: SentenceSplitter
    public let classifier: ClaimClassifier
    public let negation: Negation
    public let sampleSizeExtractor: SampleSizeExtractor
    /// Stored, not read through the classifier: reading a lexicon out of a computed property
    /// copies every phrase set in it.
    public let lexicon: Lexicon
    /// Designs of studies in animals or cells, by the comparison lexicon's attribute.
    public let nonHumanDesigns: Set<String>

    public init(pack: RulePack) {
        splitter = SentenceSplitter(abbreviations: pack.lexicon.abbreviations)
        classifier = pack.claimClassifier
        negation = Negation(lexicon: pack.lexicon)
        sampleSizeExtractor = SampleSizeExtractor(lexicon: pack.lexicon)
        lexicon = pack.lexicon
        nonHumanDesigns = pack.lexicon.comparison.nonHumanAttribute.map { pack.vocabulary.slugs(withAttribute: $0, in: .designs) } ?? []
    }
}
