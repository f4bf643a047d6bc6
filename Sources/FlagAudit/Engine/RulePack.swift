/// The vocabulary, lexicon and rules an audit runs with.
public struct RulePack: Sendable {
    public var vocabulary: Vocabulary
    public var lexicon: Lexicon
    public var rules: [Rule]

    public init(vocabulary: Vocabulary, lexicon: Lexicon, rules: [Rule]) {
        self.vocabulary = vocabulary
        self.lexicon = lexicon
        self.rules = rules
    }

    public func rule(_ id: String) -> Rule? { rules.first { $0.id == id } }
}
