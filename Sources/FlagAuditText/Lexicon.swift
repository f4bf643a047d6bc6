
/// Word lists the text analysis runs on, loaded from `rules/lexicon.yaml`.
public struct Lexicon: Sendable {
    public func signal(_ name: String) -> SignalLexicon? { signals.first { $0.name == name } }

    /// Words after which a period does not end a sentence ("et al.", "e.g.", "vs.").
    public var abbreviations: Set<String>
    /// Words that negate what follows within `negationWindow` words ("not", "no", "never").
    public var negators: PhraseSet
    public var negationWindow: Int
    /// Phrases that negate the rest of their clause ("does not prove that", "no evidence that").
    public var negationScopes: PhraseSet
    /// Words that end a negation scope ("but", "only that").
    public var scopeClosers: PhraseSet
    /// Hedges that soften a causal claim ("may", "appears to", "suggest").
    public var hedges: PhraseSet
    /// Cues of a claim that X changes Y ("led to", "reduces", "is effective").
    public var causalCues: PhraseSet
    /// Participles that are causal cues unless a guard word precedes them.
    public var participles: PhraseSet
    public var participleGuards: Set<String>
    /// Phrases that make what follows an aim or a call for research, not a claim ("aimed to", "is needed to").
    public var aims: PhraseSet
    /// Design signals read from text, in the order the lexicon lists them.
    public var signals: [SignalLexicon] = []
    /// Vocabulary terms named in text.
    public var terms = TermLexicon()
    /// How raw texts are recognised and read.
    public var screen = ScreenLexicon()
    /// Word lists of the sample-size extractor.
    public var sampleSize = SampleSizeLexicon()
    /// Word lists of the press-versus-study comparison.
    public var comparison = ComparisonLexicon()
    /// Cues of association only ("associated with", "correlated with").
    public var correlationalCues: PhraseSet

    public init(
        abbreviations: Set<String> = [], negators: PhraseSet = PhraseSet(), negationWindow: Int = 4,
        negationScopes: PhraseSet = PhraseSet(), scopeClosers: PhraseSet = PhraseSet(), hedges: PhraseSet = PhraseSet(),
        causalCues: PhraseSet = PhraseSet(), participles: PhraseSet = PhraseSet(), participleGuards: Set<String> = [],
        correlationalCues: PhraseSet = PhraseSet(), aims: PhraseSet = PhraseSet()
    ) {
        self.aims = aims
        self.participles = participles
        self.participleGuards = participleGuards
        self.abbreviations = abbreviations
        self.negators = negators
        self.negationWindow = negationWindow
        self.negationScopes = negationScopes
        self.scopeClosers = scopeClosers
        self.hedges = hedges
        self.causalCues = causalCues
        self.correlationalCues = correlationalCues
    }
}
