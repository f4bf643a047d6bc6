/// Word lists of the press-versus-study comparison (`comparison:` in `lexicon.yaml`): which
/// sentences of each side state its main claim, and what a press piece must say of a study
/// in animals or a pilot for its claim to be read as such.
public struct ComparisonLexicon: Sendable {
    /// How many opening sentences of a press text are its lead (after the headline).
    public var leadSentences = 3
    /// How many sentences of a press text after its lead are read for a reported finding.
    public var reportingSentences = 20
    /// Openings of the sentence that starts a text's conclusion ("conclusions", "in conclusion").
    public var conclusionHeadings = PhraseSet()
    /// Words of a sentence that reports what a study found ("found", "showed", "results").
    public var reporting = PhraseSet()
    /// Words that say the study was in animals or cells ("mice", "rats", "in vitro").
    public var nonHuman = PhraseSet()
    /// Words that say a study was small or preliminary ("pilot", "preliminary", "small").
    public var preliminary = PhraseSet()
    /// The design attribute of studies in animals or cells (`laboratory` in the vocabulary).
    public var nonHumanAttribute: String?
    /// The signal whose reading says a study calls itself preliminary (`exploratory`).
    public var preliminarySignal: String?

    public init() {}
}
