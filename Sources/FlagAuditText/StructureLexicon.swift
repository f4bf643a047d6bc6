/// How `screen` reads a paper's structure and the scope of its sentences (`screen.structure`
/// in `lexicon.yaml`): which part of the text a sentence is in, whether it speaks of this
/// study or of others, and how the design cues of this study's sentences resolve.
public struct StructureLexicon: Sendable {
    /// A heading's words (`headingKey`) → the section it opens.
    public var headings: [String: DocumentSection] = [:] {
        didSet { longestHeading = headings.keys.map { $0.split(separator: " ").count }.max() ?? 0 }
    }
    /// The most words a heading has: a longer line is never one.
    public private(set) var longestHeading = 0
    /// Line or sentence openings (lower case) of a publisher's or a page's furniture.
    public var furniture: [String] = []
    /// A sentence with one of these speaks of this study ...
    public var thisStudy = PhraseSet()
    /// ... and with one of these, and none of `thisStudy`, of other studies.
    public var otherStudies = PhraseSet()
    /// A call for research speaks of studies not yet done, even when "we" make it.
    public var callsForResearch = PhraseSet()
    /// A study whose own sentences say it is randomised has `design` when the design it names
    /// is none or one of `replaces` ("before and after" in a trial's methods is no pre-post study).
    public var randomizedDesign: DesignOverride?
    /// Participants named only by these words, in this study's sentences, make it `design`.
    public var speciesDesign: SpeciesDesign?
    /// Phrases in which a design's words name a topic ("in vitro fertilisation").
    public var designExclusions = PhraseSet()

    public struct DesignOverride: Sendable {
        public var design: String
        public var replaces: Set<String>
    }

    public struct SpeciesDesign: Sendable {
        public var design: String
        public var words: PhraseSet
    }

    /// A heading as it is looked up: lower case, letters, digits and apostrophes only, words
    /// one space apart ("Design, Setting, and Participants:" → "design setting and participants").
    public static func headingKey(_ text: Substring) -> String {
        var key = ""
        var pendingSpace = false
        for scalar in text.unicodeScalars {
            if scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "'" || scalar == "\u{2019}" {
                if pendingSpace && !key.isEmpty { key += " " }
                pendingSpace = false
                key.unicodeScalars.append(contentsOf: String(scalar).lowercased().unicodeScalars)
            } else {
                pendingSpace = true
            }
        }
        return key
    }

    public init() {}
}

/// The part of a paper or abstract a sentence is in. Sections differ in how much they say of
/// the study's own design: the title, aims and methods state it; results, conclusions and an
/// abstract without headings report it; background and discussion mostly speak of other work.
public enum DocumentSection: String, Sendable, CaseIterable {
    case title, aim, methods, abstract, results, conclusions, background, discussion
    case backMatter = "back-matter"

    /// 0 states the design, 1 reports it, 2 mostly cites others; nil says nothing of this study
    /// (references, acknowledgements, funding, licences).
    public var tier: Int? {
        switch self {
        case .title, .aim, .methods: 0
        case .abstract, .results, .conclusions: 1
        case .background, .discussion: 2
        case .backMatter: nil
        }
    }

    public static let tiers = 3
}
