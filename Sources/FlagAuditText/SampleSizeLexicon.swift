/// The word lists of the sample-size extractor (`sample_size` in `lexicon.yaml`).
public struct SampleSizeLexicon: Sendable {
    public var people: Set<String> = []
    public var notPeople: Set<String> = []
    public var multipliers: Set<String> = []
    /// Words after a count that make it a per-group size ("8 subjects each").
    public var perGroup: Set<String> = []
    public var enrolment = PhraseSet()
    public var screening = PhraseSet()
    public var totals = PhraseSet()
    public var subsets = PhraseSet()
    public var numberWords: [String: Int] = [:]
    /// Phrases of a text that reviews other studies.
    public var reviewMarkers = PhraseSet()

    public init() {}
}
