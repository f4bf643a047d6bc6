/// Classifies the claim a sentence makes from cue phrases: a causal cue not negated is a
/// direct causal claim, or a conditional one when a hedge precedes it; an association cue
/// earlier in the sentence ("associated with increased ...") makes the claim correlational.
public struct ClaimClassifier: Sendable {
    public var lexicon: Lexicon
    private var negation: Negation

    public init(lexicon: Lexicon) {
        self.lexicon = lexicon
        self.negation = Negation(lexicon: lexicon)
    }

    public func classify(_ tokens: [Token]) -> ClaimAnalysis {
        let correlational = lexicon.correlationalCues.matches(in: tokens).filter { !negation.isNegated(tokenAt: $0.lowerBound, in: tokens) }
        let hedges = lexicon.hedges.matches(in: tokens)
        var best = ClaimAnalysis(strength: .none)
        let participles = lexicon.participles.matches(in: tokens).filter { cue in
            cue.lowerBound > 0 && !tokens[cue.lowerBound].followsPunctuation
                && !lexicon.participleGuards.contains(tokens[cue.lowerBound - 1].text)
        }
        let aimStart = lexicon.aims.firstMatch(in: tokens)?.lowerBound ?? tokens.count
        let cues = (lexicon.causalCues.matches(in: tokens) + participles).sorted { $0.lowerBound < $1.lowerBound }
        for cue in cues where cue.lowerBound < aimStart && !negation.isNegated(tokenAt: cue.lowerBound, in: tokens) {
            if let association = correlational.first, association.lowerBound <= cue.lowerBound {
                if best.strength < .correlational { best = ClaimAnalysis(strength: .correlational, cue: association) }
                continue
            }
            if let hedge = hedges.last(where: { $0.upperBound <= cue.lowerBound }) {
                if best.strength < .conditionalCausal { best = ClaimAnalysis(strength: .conditionalCausal, cue: cue, hedge: hedge) }
            } else {
                return ClaimAnalysis(strength: .directCausal, cue: cue)
            }
        }
        if best.strength == .none, let association = correlational.first(where: { $0.lowerBound < aimStart }) {
            best = ClaimAnalysis(strength: .correlational, cue: association)
        }
        return best
    }

    public func classify(_ sentence: String) -> ClaimAnalysis { classify(Tokenizer.tokens(sentence)) }
}
