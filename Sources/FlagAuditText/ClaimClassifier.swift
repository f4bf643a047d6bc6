import FlagAuditLearning
import FlagAuditModel
import FlagAuditTransformer
import Foundation

/// Classifies the claim a sentence makes. The lexicon's cues give a first reading (a causal cue
/// not negated is a direct causal claim, or a conditional one after a hedge; an association cue
/// earlier in the sentence makes it correlational; cues after an aim do not count). With a
/// claim model the model decides: the fine-tuned transformer reads the sentence's text, the
/// linear model its words and cue readings. The cues still say which words carry the claim,
/// and a linear model's strongest features, or a transformer's class probabilities, explain it.
public struct ClaimClassifier: Sendable {
    public var lexicon: Lexicon
    public var model: Model
    /// The transformer's decisions of earlier runs (`--cache DIR`); read before the encoder runs.
    public var cache: ClaimCache?
    private var negation: Negation

    /// Which model decides.
    public enum Model: Sendable {
        case lexicon
        case linear(LinearModel)
        case transformer(TransformerClassifier)

        public var name: String {
            switch self {
            case .lexicon: "lexicon"
            case .linear: "linear"
            case .transformer: "transformer"
            }
        }
    }

    public init(lexicon: Lexicon, model: Model = .lexicon) {
        self.lexicon = lexicon
        self.model = model
        self.negation = Negation(lexicon: lexicon)
    }

    public init(lexicon: Lexicon, model: LinearModel?) {
        self.init(lexicon: lexicon, model: model.map(Model.linear) ?? .lexicon)
    }

    public func classify(_ sentence: String, explain: Int = 3) -> ClaimAnalysis {
        classify(Tokenizer.tokens(sentence), text: sentence, explain: explain)
    }

    /// `text`: the sentence the tokens come from (the transformer reads it; without it, the
    /// tokens' words joined by spaces). `explain`: how many of a linear model's strongest
    /// features to keep as the explanation (`ClaimAnalysis.features`); audits, which never show
    /// them, ask for none. `words`: the tokens' `WordMask` when the caller has it.
    public func classify(_ tokens: [Token], text: String? = nil, words: WordMask? = nil, explain: Int = 3) -> ClaimAnalysis {
        let cues = readCues(tokens, words: words ?? WordMask(tokens))
        let negated = !cues.causal.isEmpty && cues.causal.allSatisfy(\.negated)
        var analysis: ClaimAnalysis
        switch model {
        case .lexicon:
            analysis = cues.analysis
            analysis.negated = negated
            return analysis
        case .linear(let linear):
            let decision = linear.decide(hashed: featureKeys(tokens, cues: cues), explain: explain)
            analysis = ClaimAnalysis(strength: ClaimStrength(rawValue: decision.label) ?? .none, features: decision.contributions)
            analysis.probabilities = decision.probabilities
        case .transformer(let transformer):
            let sentence = text ?? tokens.map(\.text).joined(separator: " ")
            let key = ClaimCache.key(sentence)
            let cached = cache?.probabilities(for: key)
            let probabilities = cached ?? TransformerClassifier.probabilities(transformer.logits(sentence))
            let best = probabilities.indices.max { probabilities[$0] < probabilities[$1] } ?? 0
            analysis = ClaimAnalysis(strength: ClaimStrength(rawValue: transformer.labels[best]) ?? .none)
            analysis.probabilities = probabilities
            if cached == nil { analysis.decision = ClaimDecision(key: key, probabilities: probabilities) }
        }
        analysis.negated = negated
        analysis.confidence = analysis.probabilities.max() ?? 0
        switch analysis.strength {
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

    /// Classifies many sentences on every core: each task takes every `tasks`-th sentence, and a
    /// sentence's analysis depends on nothing but the sentence, so the results are those of
    /// `classify(_:)` one by one, in order, whatever the number of tasks.
    public func classify(batch sentences: [String], explain: Int = 3, tasks: Int = ProcessInfo.processInfo.activeProcessorCount) async -> [ClaimAnalysis] {
        let tasks = max(1, min(tasks, sentences.count))
        var results = [ClaimAnalysis?](repeating: nil, count: sentences.count)
        await withTaskGroup(of: [(Int, ClaimAnalysis)].self) { group in
            for task in 0..<tasks {
                group.addTask {
                    stride(from: task, to: sentences.count, by: tasks).map { ($0, self.classify(sentences[$0], explain: explain)) }
                }
            }
            for await part in group { for (index, analysis) in part { results[index] = analysis } }
        }
        return results.map { $0! }
    }

    /// The words whose removal lowers the transformer's probability of `strength` most
    /// (occlusion: the sentence is read again without each word in turn), strongest first;
    /// only drops of at least 0.01 count. Empty for other models. One reading per word, so
    /// for `claims --explain`, not audits.
    public func influentialWords(_ text: String, tokens: [Token], strength: ClaimStrength, count: Int = 3) -> [(word: String, drop: Double)] {
        guard case .transformer(let transformer) = model, let label = transformer.labels.firstIndex(of: strength.rawValue) else { return [] }
        let scalars = Array(text.unicodeScalars)
        let base = TransformerClassifier.probabilities(transformer.logits(text))[label]
        var drops: [(word: String, drop: Double)] = []
        // Only words the model reads (its window of pieces holds at most `maxTokens` words).
        for token in tokens.prefix(transformer.maxTokens) where token.end <= scalars.count {
            var view = String.UnicodeScalarView()
            view.append(contentsOf: scalars[..<token.start])
            view.append(contentsOf: scalars[token.end...])
            let drop = base - TransformerClassifier.probabilities(transformer.logits(String(view)))[label]
            if drop >= 0.01 { drops.append((String(String.UnicodeScalarView(scalars[token.start..<token.end])), drop)) }
        }
        return Array(drops.sorted { $0.drop > $1.drop }.prefix(count))
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
        // The sentence's negation scopes, worked out once and only for a sentence with a cue.
        var scopes: [Bool]?
        func isNegated(_ index: Int) -> Bool {
            if scopes == nil { scopes = negation.scopes(of: tokens) }
            return negation.isNegated(tokenAt: index, in: tokens, scopes: scopes!)
        }
        let correlational = lexicon.correlationalCues.matches(in: tokens, words: words).filter { !isNegated($0.lowerBound) }
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
        // Each cue's hedge is the last (in match order) of the hedges ending at or before it.
        // Cues come in order, so the hedges that qualify only grow: one pass over them by their
        // end, not a search per cue (a long line has thousands of both).
        let hedgesByEnd = causal.isEmpty || hedges.isEmpty ? [] : hedges.indices.sorted { (hedges[$0].upperBound, $0) < (hedges[$1].upperBound, $1) }
        var qualified = 0, lastHedge: Int?
        for cue in causal {
            let negated = isNegated(cue.lowerBound)
            while qualified < hedgesByEnd.count, hedges[hedgesByEnd[qualified]].upperBound <= cue.lowerBound {
                lastHedge = max(lastHedge ?? 0, hedgesByEnd[qualified])
                qualified += 1
            }
            let hedge = lastHedge.map { hedges[$0] }
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

    /// One feature of a sentence. `ClaimClassifier.enumerate` lists them in the one order
    /// training, explanation and audits all read: the reading, the words, then the cues.
    enum Feature {
        case lex(ClaimStrength)
        /// Token `i`, the pair of tokens `i - 1` and `i` (`<s>` before the first), its stem.
        case word(Int), pair(Int), stem(Int)
        case causal(Range<Int>)
        case causalCue(negated: Bool, hedged: Bool)
        case causalAfterAim
        case hedge(Range<Int>)
        case correlationalCue
        case correlational(Range<Int>)
        case aim
    }

    /// Every feature of a sentence in order; `words: false` leaves out the n-grams.
    @inline(__always) static func enumerate(_ tokens: [Token], cues: Cues, words: Bool = true, _ body: (Feature) -> Void) {
        body(.lex(cues.analysis.strength))
        if words {
            for index in tokens.indices {
                body(.word(index))
                body(.pair(index))
                body(.stem(index))
            }
        }
        for cue in cues.causal {
            body(.causal(cue.range))
            body(.causalCue(negated: cue.negated, hedged: cue.hedged))
            if let aim = cues.aim, aim.lowerBound < cue.range.lowerBound { body(.causalAfterAim) }
        }
        for hedge in cues.hedges { body(.hedge(hedge)) }
        if !cues.correlational.isEmpty { body(.correlationalCue) }
        for cue in cues.correlational { body(.correlational(cue)) }
        if cues.aim != nil { body(.aim) }
    }

    /// The features as `FeatureKey` keys, without making or hashing a string per feature:
    /// n-gram keys come from the tokens' word and stem hashes, cue keys from FNV-1a run over
    /// their names' pieces. Equal to `features(_:cues:)` keyed by name (a test pins them).
    func featureKeys(_ tokens: [Token], cues: Cues) -> [UInt64] {
        var keys: [UInt64] = []
        keys.reserveCapacity(tokens.count * 3 + 2 + cues.causal.count * 3 + cues.hedges.count + cues.correlational.count)
        let named = CueKeys.shared
        @inline(__always) func word(_ index: Int) -> UInt64 {
            guard index >= 0 else { return ClaimClassifier.sentenceStart }
            return ClaimClassifier.isNumber(tokens[index].text) ? ClaimClassifier.numberWord : WordHash.key(tokens[index].hash)
        }
        ClaimClassifier.enumerate(tokens, cues: cues) { feature in
            switch feature {
            case .lex(let strength): keys.append(named.lex[strength.rank])
            case .word(let index): keys.append(FeatureKey.word(word(index)))
            case .pair(let index): keys.append(FeatureKey.pair(word(index - 1), word(index)))
            case .stem(let index):
                keys.append(FeatureKey.stem(ClaimClassifier.isNumber(tokens[index].text) ? ClaimClassifier.numberWord : tokens[index].stemHash))
            case .causal(let range): keys.append(CueKeys.phrase(named.causalPrefix, range, tokens))
            case .causalCue(let negated, let hedged): keys.append(named.causal[(negated ? 1 : 0) + (hedged ? 2 : 0)])
            case .causalAfterAim: keys.append(named.afterAim)
            case .hedge(let range): keys.append(CueKeys.phrase(named.hedgePrefix, range, tokens))
            case .correlationalCue: keys.append(named.correlational)
            case .correlational(let range): keys.append(CueKeys.phrase(named.correlationalPrefix, range, tokens))
            case .aim: keys.append(named.aim)
            }
        }
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

    /// The model's features by name: words, word pairs, and the lexicon's reading of the sentence.
    public func features(_ tokens: [Token]) -> [String] { features(tokens, cues: readCues(tokens, words: WordMask(tokens))) }

    func features(_ tokens: [Token], cues: Cues, words includingWords: Bool = true) -> [String] {
        func word(_ index: Int) -> String {
            guard index >= 0 else { return "<s>" }
            return tokens[index].text.first?.isNumber == true ? "0" : tokens[index].text
        }
        func phrase(_ range: Range<Int>) -> String { range.map(word).joined(separator: " ") }
        var features: [String] = []
        ClaimClassifier.enumerate(tokens, cues: cues, words: includingWords) { feature in
            switch feature {
            case .lex(let strength): features.append("lex:" + strength.rawValue)
            case .word(let index): features.append("w:" + word(index))
            case .pair(let index): features.append("b:" + word(index - 1) + "_" + word(index))
            case .stem(let index): features.append("s:" + ClaimClassifier.stem(word(index)))
            case .causal(let range): features.append("causal:" + phrase(range))
            case .causalCue(let negated, let hedged): features.append("cue:causal" + (negated ? ":negated" : "") + (hedged ? ":hedged" : ""))
            case .causalAfterAim: features.append("cue:causal:after-aim")
            case .hedge(let range): features.append("hedge:" + phrase(range))
            case .correlationalCue: features.append("cue:correlational")
            case .correlational(let range): features.append("corr:" + phrase(range))
            case .aim: features.append("cue:aim")
            }
        }
        return features
    }
}
