/// How raw texts are recognised and read (`screen` in `lexicon.yaml`).
public struct ScreenLexicon: Sendable {
    /// Atlas page heading → entry field (`ignore`, `tags` and `metadata` are structural).
    public var atlasHeadings: [String: String] = [:]
    /// Atlas tag line prefix → tag category (`method_flags` or a free category).
    public var atlasTags: [String: String] = [:]
    /// Atlas metadata label → entry field.
    public var atlasMetadata: [String: String] = [:]
    public var fullTextHeadings: Set<String> = []
    public var fullTextLength = 12_000
    public var populationWindow = 4_000
    /// How signals become the screened fields (`reading`); empty, nothing is read that way.
    public var reading = Reading()
    /// Sections, scope and design resolution (`structure`); empty, every sentence is this
    /// study's and in one section.
    public var structure = StructureLexicon()

    public init() {}

    /// The names and slugs the screener reads with, so a pack author can change them.
    public struct Reading: Sendable, Equatable {
        /// A text that reads any of these signals is news, with source `newsSource`.
        public var newsSignals: [String] = []
        public var newsSource: String?
        /// The PEM badge is read for `pemPopulation` from case definitions with `pemAttribute`.
        public var pemPopulation: String?
        public var pemAttribute: String?
        public var pemBadges = PEMBadges()
        public var randomized: YesNo?
        public var blinded: YesNo?
        /// Signals read as they are: the kind of control group, the kind of review.
        public var control: String?
        public var review: String?
        /// Design attributes whose randomisation, blinding and control are their included studies'.
        public var reviewAttributes: Set<String> = []

        public init() {}
    }

    /// The PEM badges the screener gives (slugs of `pem_badges`).
    public struct PEMBadges: Sendable, Equatable {
        public var required: String?
        public var notRequired: String?
        public var unknown: String?
        public var notApplicable: String?

        public init() {}
    }

    /// A signal read as yes or no: its values for each; any other value says nothing.
    public struct YesNo: Sendable, Equatable {
        public var signal: String
        public var yes: String
        public var no: String

        public func read(_ signals: TextSignals) -> Bool? {
            let value = signals.value(signal)
            return value == yes ? true : value == no ? false : nil
        }
    }
}
