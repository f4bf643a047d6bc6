import FlagAuditLearning
import FlagAuditModel

/// Classifies the claim a sentence makes. The lexicon's cues give a first reading (a causal cue
/// not negated is a direct causal claim, or a conditional one after a hedge; an association cue
/// earlier in the sentence makes it correlational; cues after an aim do not count). When the
/// pack ships a claim model, the cue reading becomes features of the model alongside the
/// sentence's words, and the model decides; its strongest features explain the decision.
public struct ClaimClassifier: Sendable {
    public var lexicon: Lexicon
    public var model: LinearModel?
    private var negation: Negation

    public init(lexicon: Lexicon, model: LinearModel? = nil) {
        self.lexicon = lexicon
        self.model = model
        self.negation = Negation(lexicon: lexicon)
    }

    public func classify(_ sentence: String) -> ClaimAnalysis { classify(Tokenizer.tokens(sentence)) }

    /// `explain`: how many of the model's strongest features to keep as the explanation
    /// (`ClaimAnalysis.features`); audits, which never show them, ask for none.
    /// `words`: the tokens' `WordMask` when the caller has it (a sentence does).
    public func classify(_ tokens: [Token], words: WordMask? = nil, explain: Int = 3) -> ClaimAnalysis {
        let cues = readCues(tokens, words: words ?? WordMask(tokens))
        let negated = !cues.causal.isEmpty && cues.causal.allSatisfy(\.negated)
        guard let model else {
            var analysis = cues.analysis
            analysis.negated = negated
            return analysis
        }
        let decision = model.decide(hashed: featureKeys(tokens, cues: cues), explain: explain)
        let strength = ClaimStrength(rawValue: decision.label) ?? .none
        var analysis = ClaimAnalysis(strength: strength, features: decision.contributions)
        analysis.negated = negated
        analysis.confidence = decision.probabilities.max() ?? 0
        switch strength {
        case .directCausal, .conditionalCausal:
            analysis.cue = cues.causal.first { !$0.negated }?.range ?? cues.causal.first?.range
            analysis.hedge = cues.analysis.hedge
        case .correlational:
            analysis.cue = cues.correlational.first
        case .none:
            break
        }
        return analysis
    }

    /// What the lexicon sees in a sentence.
    struct Cues {
        var analysis: ClaimAnalysis
        var causal: [(range: Range<Int>, negated: Bool, hedged: Bool)] = []
        var correlational: [Range<Int>] = []
        var hedges: [Range<Int>] = []
        var aim: Range<Int>?
    }

    func readCues(_ tokens: [Token], words: WordMask) -> Cues {
        let correlational = lexicon.correlationalCues.matches(in: tokens, words: words).filter { !negation.isNegated(tokenAt: $0.lowerBound, in: tokens) }
        let hedges = lexicon.hedges.matches(in: tokens, words: words)
        let participles = lexicon.participles.matches(in: tokens, words: words).filter { cue in
            cue.lowerBound > 0 && !tokens[cue.lowerBound].followsPunctuation
                && !lexicon.participleGuards.contains(tokens[cue.lowerBound - 1].text)
        }
        let aim = lexicon.aims.firstMatch(in: tokens, words: words)
        let aimStart = aim?.lowerBound ?? tokens.count
        var cues = Cues(analysis: ClaimAnalysis(strength: .none), correlational: correlational, hedges: hedges, aim: aim)
        let causal = (lexicon.causalCues.matches(in: tokens, words: words) + participles).sorted { $0.lowerBound < $1.lowerBound }
        var decided = false
        for cue in causal {
            let negated = negation.isNegated(tokenAt: cue.lowerBound, in: tokens)
            let hedge = hedges.last { $0.upperBound <= cue.lowerBound }
            cues.causal.append((cue, negated, hedge != nil))
            guard !decided, cue.lowerBound < aimStart, !negated else { continue }
            if let association = correlational.first, association.lowerBound <= cue.lowerBound {
                if cues.analysis.strength < .correlational { cues.analysis = ClaimAnalysis(strength: .correlational, cue: association) }
                continue
            }
            if let hedge {
                if cues.analysis.strength < .conditionalCausal { cues.analysis = ClaimAnalysis(strength: .conditionalCausal, cue: cue, hedge: hedge) }
            } else {
                cues.analysis = ClaimAnalysis(strength: .directCausal, cue: cue)
                decided = true
            }
        }
        if cues.analysis.strength == .none, let association = correlational.first(where: { $0.lowerBound < aimStart }) {
            cues.analysis = ClaimAnalysis(strength: .correlational, cue: association)
        }
        return cues
    }

    /// A crude suffix stripper, so that "improves", "improved" and "improving" share a feature.
    static func stem(_ word: String) -> String {
        for suffix in ["ingly", "edly", "ing", "ed", "es", "s", "ly"] where word.count > suffix.count + 3 && word.hasSuffix(suffix) {
            return String(word.dropLast(suffix.count))
        }
        return word
    }

    /// The same features as `features(_:cues:)`, as `FeatureKey` keys, without making or
    /// hashing a string per feature: n-gram keys come from the tokens' word and stem hashes,
    /// cue keys from FNV-1a run over their names' pieces. (`lex:` comes first, then the words,
    /// then the cues.)
    func featureKeys(_ tokens: [Token], cues: Cues) -> [UInt64] {
        // In the order of `features`, so that scores add up exactly as they did in training.
        var keys: [UInt64] = [CueKeys.shared.lex[cues.analysis.strength.rank]]
        keys.reserveCapacity(tokens.count * 3 + 2 + cues.causal.count * 3 + cues.hedges.count + cues.correlational.count)
        var previous = ClaimClassifier.sentenceStart
        for token in tokens {
            let number = ClaimClassifier.isNumber(token.text)
            let word = number ? ClaimClassifier.numberWord : WordHash.key(token.hash)
            keys.append(FeatureKey.word(word))
            keys.append(FeatureKey.pair(previous, word))
            keys.append(FeatureKey.stem(number ? word : token.stemHash))
            previous = word
        }
        let named = CueKeys.shared
        for cue in cues.causal {
            keys.append(CueKeys.phrase(named.causalPrefix, cue.range, tokens))
            keys.append(named.causal[(cue.negated ? 1 : 0) + (cue.hedged ? 2 : 0)])
            if let aim = cues.aim, aim.lowerBound < cue.range.lowerBound { keys.append(named.afterAim) }
        }
        for hedge in cues.hedges { keys.append(CueKeys.phrase(named.hedgePrefix, hedge, tokens)) }
        if !cues.correlational.isEmpty { keys.append(named.correlational) }
        for cue in cues.correlational { keys.append(CueKeys.phrase(named.correlationalPrefix, cue, tokens)) }
        if cues.aim != nil { keys.append(named.aim) }
        return keys
    }

    /// The keys of the cue features `features` names, made once: whole names for the fixed
    /// ones, FNV-1a states of the prefixes for those that go on with a phrase.
    private struct CueKeys: Sendable {
        static let shared = CueKeys()
        /// By `ClaimStrength.rank`.
        let lex: [UInt64]
        /// Plain, negated, hedged, negated and hedged.
        let causal: [UInt64]
        let afterAim = FeatureKey.of("cue:causal:after-aim")
        let correlational = FeatureKey.of("cue:correlational")
        let aim = FeatureKey.of("cue:aim")
        let causalPrefix = FNV1a.hash("causal:"), hedgePrefix = FNV1a.hash("hedge:"), correlationalPrefix = FNV1a.hash("corr:")

        init() {
            var lex = [UInt64](repeating: 0, count: ClaimStrength.allCases.count)
            for strength in ClaimStrength.allCases { lex[strength.rank] = FeatureKey.of("lex:" + strength.rawValue) }
            self.lex = lex
            causal = ["cue:causal", "cue:causal:negated", "cue:causal:hedged", "cue:causal:negated:hedged"].map(FeatureKey.of)
        }

        /// The key of a prefix and the words of a token range, numbers written "0", spaced.
        static func phrase(_ prefix: UInt64, _ range: Range<Int>, _ tokens: [Token]) -> UInt64 {
            var hash = prefix
            for index in range {
                if index > range.lowerBound { hash = FNV1a.add(UInt8(ascii: " "), to: hash) }
                if ClaimClassifier.isNumber(tokens[index].text) {
                    hash = FNV1a.add(UInt8(ascii: "0"), to: hash)
                } else {
                    for byte in tokens[index].text.utf8 { hash = FNV1a.add(byte, to: hash) }
                }
            }
            return FeatureKey.nonzero(hash)
        }
    }

    private static let sentenceStart = WordHash.of("<s>"), numberWord = WordHash.of("0")

    @inline(__always) static func isNumber(_ word: String) -> Bool {
        guard let first = word.utf8.first else { return false }
        return first < 0x80 ? (first >= UInt8(ascii: "0") && first <= UInt8(ascii: "9")) : word.first?.isNumber == true
    }

    /// `WordHash` key of `stem(word)`, given the word's own key. The tokenizer keeps it
    /// (`Token.stemHash`); this is the same on a string, for words made elsewhere.
    static func stemHash(_ word: String, hash: UInt64) -> UInt64 {
        var word = word
        let ascii = word.withUTF8 { bytes in TextUnits.isASCII(bytes) ? asciiStemHash(bytes, hash: hash) : nil }
        return ascii ?? WordHash.of(stem(word))
    }

    /// `stem` on an ASCII word's bytes (one byte a character; for ASCII, `WordHash` is FNV-1a
    /// of the bytes), with the word's own key when no suffix comes off.
    @inline(__always) static func asciiStemHash(_ bytes: UnsafeBufferPointer<UInt8>, hash: UInt64) -> UInt64 {
        let count = bytes.count
        // The suffixes of `stem`, in its order: "ingly", "edly", "ing", "ed", "es", "s", "ly".
        guard count > 4 else { return hash }
        func endsWith(_ suffix: StaticString) -> Bool {
            let length = suffix.utf8CodeUnitCount
            guard count > length + 3 else { return false }
            let start = suffix.utf8Start
            for k in 0..<length where bytes[count - length + k] != start[k] { return false }
            return true
        }
        let cut: Int
        switch bytes[count - 1] {
        case UInt8(ascii: "y"):
            if endsWith("ingly") { cut = 5 } else if endsWith("edly") { cut = 4 } else if endsWith("ly") { cut = 2 } else { return hash }
        case UInt8(ascii: "g"):
            guard endsWith("ing") else { return hash }
            cut = 3
        case UInt8(ascii: "d"):
            guard endsWith("ed") else { return hash }
            cut = 2
        case UInt8(ascii: "s"):
            cut = endsWith("es") ? 2 : 1
        default:
            return hash
        }
        var stemmed = WordHash.seed
        for byte in bytes[..<(count - cut)] { stemmed = FNV1a.add(byte, to: stemmed) }
        return WordHash.key(stemmed)
    }

    /// The model's features: words, word pairs, and the lexicon's reading of the sentence.
    public func features(_ tokens: [Token]) -> [String] { features(tokens, cues: readCues(tokens, words: WordMask(tokens))) }

    func features(_ tokens: [Token], cues: Cues, words includingWords: Bool = true) -> [String] {
        func word(_ index: Int) -> String { tokens[index].text.first?.isNumber == true ? "0" : tokens[index].text }
        var features: [String] = ["lex:" + cues.analysis.strength.rawValue]
        if includingWords {
            var previous = "<s>"
            for word in tokens.indices.map(word) {
                features.append("w:" + word)
                features.append("b:" + previous + "_" + word)
                features.append("s:" + ClaimClassifier.stem(word))
                previous = word
            }
        }
        for cue in cues.causal {
            let phrase = cue.range.map(word).joined(separator: " ")
            features.append("causal:" + phrase)
            features.append("cue:causal" + (cue.negated ? ":negated" : "") + (cue.hedged ? ":hedged" : ""))
            if let aim = cues.aim, aim.lowerBound < cue.range.lowerBound { features.append("cue:causal:after-aim") }
        }
        for hedge in cues.hedges { features.append("hedge:" + hedge.map(word).joined(separator: " ")) }
        if !cues.correlational.isEmpty { features.append("cue:correlational") }
        for cue in cues.correlational { features.append("corr:" + cue.map(word).joined(separator: " ")) }
        if cues.aim != nil { features.append("cue:aim") }
        return features
    }
}
