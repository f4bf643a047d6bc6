/// The vocabulary, lexicon and rules an audit runs with.
public struct RulePack: Sendable {
    public var vocabulary: Vocabulary
    public var lexicon: Lexicon
    public var rules: [Rule]
    /// The claim-strength model (`models/claims.tsv`), when the pack ships one.
    public var claimModel: LinearModel?

    public init(vocabulary: Vocabulary, lexicon: Lexicon, rules: [Rule], claimModel: LinearModel? = nil) {
        self.vocabulary = vocabulary
        self.lexicon = lexicon
        self.rules = rules
        self.claimModel = claimModel
    }

    public var claimClassifier: ClaimClassifier { ClaimClassifier(lexicon: lexicon, model: claimModel) }

    public func rule(_ id: String) -> Rule? { rules.first { $0.id == id } }
}
