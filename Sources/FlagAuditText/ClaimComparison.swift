import FlagAuditModel

/// A press piece's main claim weighed against its study's: the strongest claim of each side,
/// and whether the press says more (`exaggerates`), less (`downplays`) or the same.
///
/// Strength is the claim classifier's, with a negated claim ("does not prove that ...") counted
/// as no claim. Two exaggerations that keep the strength are caught as well: a study in animals
/// or cells whose press claim of an effect never says so, and a pilot or preliminary study
/// whose press states a direct effect without saying it was preliminary.
public struct ClaimComparison: Sendable {
    public enum Verdict: String, Sendable, CaseIterable, Equatable {
        case same, exaggerates, downplays
    }

    /// One side's main claim: the sentence, its strength and the cue that decided it.
    public struct Claim: Sendable {
        public var sentence: Sentence
        public var strength: ClaimStrength
        public var cue: String?

        public init(sentence: Sentence, strength: ClaimStrength, cue: String?) {
            self.sentence = sentence
            self.strength = strength
            self.cue = cue
        }
    }

    /// What the study is, beyond its sentence: the comparison's exaggerations of kind.
    public struct StudyKind: Sendable, Equatable {
        /// The study was in animals or cells (design `animal` or `in-vitro`).
        public var nonHuman = false
        /// The study calls itself a pilot, feasibility or preliminary study.
        public var preliminary = false

        public init(nonHuman: Bool = false, preliminary: Bool = false) {
            self.nonHuman = nonHuman
            self.preliminary = preliminary
        }
    }

    public var press: Claim
    public var study: Claim
    public var verdict: Verdict
    /// The verdict in words, for a message: "direct-causal against correlational".
    public var reason: String

    /// `pressSentences`: every sentence the press side offers as a claim (the main one and the
    /// others), read for what it says of an animal or pilot study.
    public init(press: Claim, study: Claim, kind: StudyKind = StudyKind(), pressSentences: [Sentence] = [], lexicon: ComparisonLexicon) {
        self.press = press
        self.study = study
        let byStrength = ClaimComparison.verdict(press: press.strength, study: study.strength)
        let strengths = "\(press.strength.rawValue) against \(study.strength.rawValue)"
        let said = pressSentences.isEmpty ? [press.sentence] : pressSentences
        func mentions(_ phrases: PhraseSet) -> Bool {
            said.contains { $0.contains(phrases) }
        }
        if byStrength == .exaggerates {
            (verdict, reason) = (.exaggerates, strengths)
        } else if kind.nonHuman, press.strength >= .conditionalCausal, !mentions(lexicon.nonHuman) {
            (verdict, reason) = (.exaggerates, "a study in animals or cells reported as an effect, without saying so")
        } else if kind.preliminary, press.strength == .directCausal, !mentions(lexicon.preliminary) {
            (verdict, reason) = (.exaggerates, "a pilot or preliminary study reported as proof")
        } else {
            (verdict, reason) = (byStrength, strengths)
        }
    }

    /// The verdict of strengths alone.
    public static func verdict(press: ClaimStrength, study: ClaimStrength) -> Verdict {
        press > study ? .exaggerates : press < study ? .downplays : .same
    }

    /// The strength a sentence asserts: its classified strength, or none when every causal cue
    /// in it is negated. Nil for a sentence not yet classified.
    public static func assertedStrength(of sentence: Sentence) -> ClaimStrength? {
        guard let claim = sentence.claim else { return nil }
        return claim.negated ? .none : claim.strength
    }

    /// The main claim among classified sentences given in order of weight: the strongest,
    /// the earliest of equals. Nil when there is no sentence.
    public static func mainClaim(among sentences: [Sentence]) -> Claim? {
        var best: (Sentence, ClaimStrength)?
        for sentence in sentences {
            let strength = assertedStrength(of: sentence) ?? .none
            if best.map({ strength > $0.1 }) ?? true { best = (sentence, strength) }
        }
        guard let (sentence, strength) = best else { return nil }
        let cue = sentence.claim?.cue.map { sentence.excerpt($0) }
        return Claim(sentence: sentence, strength: strength, cue: strength == .none ? nil : cue)
    }
}
