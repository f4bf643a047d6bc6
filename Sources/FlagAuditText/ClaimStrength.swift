import FlagAuditLearning

/// How strongly a sentence claims a relation (cli.md, `claims`).
public enum ClaimStrength: String, Sendable, CaseIterable, Codable, Comparable {
    case none
    case correlational
    case conditionalCausal = "conditional-causal"
    case directCausal = "direct-causal"

    /// The position in `allCases`, weakest first (a switch: claims are compared often).
    var rank: Int {
        switch self {
        case .none: 0
        case .correlational: 1
        case .conditionalCausal: 2
        case .directCausal: 3
        }
    }

    public static func < (lhs: ClaimStrength, rhs: ClaimStrength) -> Bool { lhs.rank < rhs.rank }
}

/// A sentence's claim strength with the words that decided it, so the decision explains itself.
public struct ClaimAnalysis: Sendable, Equatable {
    public var strength: ClaimStrength
    /// Token range of the cue that decided the strength, if any.
    public var cue: Range<Int>?
    /// Token range of the hedge that softened a causal cue, if any.
    public var hedge: Range<Int>?
    /// With a claim model: the features that weighed most for the decision.
    public var features: [LinearModel.Contribution]
    /// Every causal cue of the sentence is negated ("did not improve", "does not prove that ...
    /// works"): still a claim about causation, but not one the study asserts.
    public var negated = false
    /// The model's probability for the chosen strength (1 for the lexicon alone, which does not weigh).
    public var confidence: Double = 1
    /// A model's probability for each strength, in `ClaimStrength.allCases` order (empty for the
    /// lexicon alone).
    public var probabilities: [Double] = []
    /// The transformer's decision when the encoder ran for it (not read from the cache), so a
    /// run can keep it for the next (`ClaimCache`).
    public var decision: ClaimDecision?

    public init(strength: ClaimStrength, cue: Range<Int>? = nil, hedge: Range<Int>? = nil, features: [LinearModel.Contribution] = []) {
        self.strength = strength
        self.cue = cue
        self.hedge = hedge
        self.features = features
    }
}
