import FlagAuditLearning
import FlagAuditModel
import FlagAuditText
import FlagAuditTransformer

/// The vocabulary, lexicon and rules an audit runs with.
public struct RulePack: Sendable {
    public var vocabulary: Vocabulary
    public var lexicon: Lexicon
    public var rules: [Rule]
    /// The linear claim-strength model (`models/claims.tsv`), when the pack ships one.
    public var claimModel: LinearModel?
    /// The fine-tuned transformer (`models/claims-transformer.bin`), when it was asked for.
    public var claimTransformer: TransformerClassifier?
    /// The transformer's decisions of earlier runs, when a run keeps them (`--cache DIR`).
    public var claimCache: ClaimCache?
    /// The pack's name and version (`pack.yaml`) and where it was read from.
    public var identity = PackIdentity(name: "unnamed", version: nil, origin: "")
    /// Built-in checks a configuration turned off or re-graded.
    public var builtinGrades = BuiltinGrades()
    /// A hash of the linear model's file (FNV-1a, 64 bits), which outputs name it by.
    public var claimModelFingerprint: String?

    /// The model claims are read with, as outputs name it: "transformer FINGERPRINT",
    /// "linear FINGERPRINT" or "lexicon".
    public var claimModelName: String {
        if let claimTransformer { return "transformer \(claimTransformer.fingerprint)" }
        if claimModel != nil { return "linear \(claimModelFingerprint ?? "unhashed")" }
        return "lexicon"
    }

    public init(vocabulary: Vocabulary, lexicon: Lexicon, rules: [Rule], claimModel: LinearModel? = nil, claimTransformer: TransformerClassifier? = nil) {
        self.vocabulary = vocabulary
        self.lexicon = lexicon
        self.rules = rules
        self.claimModel = claimModel
        self.claimTransformer = claimTransformer
    }

    /// The classifier rules read claims with: the transformer when loaded, else the linear
    /// model, else the lexicon's cues.
    public var claimClassifier: ClaimClassifier {
        if let claimTransformer {
            var classifier = ClaimClassifier(lexicon: lexicon, model: .transformer(claimTransformer))
            classifier.cache = claimCache
            return classifier
        }
        return ClaimClassifier(lexicon: lexicon, model: claimModel)
    }

    public func rule(_ id: String) -> Rule? { rules.first { $0.id == id } }

    /// Escapes regex metacharacters portably (ICU and Rust's regex agree on these).
    static func escapeRegex(_ text: String) -> String {
        var out = ""
        for character in text {
            if "\\.^$|?*+()[]{}".contains(character) { out.append("\\") }
            out.append(character)
        }
        return out
    }

    /// Every phrase and pattern the text analysis searches for, as regular expressions: what a
    /// plain text search (ripgrep) would need to match to see what the rules see.
    public var textPatterns: [String] {
        var phrases: [String] = []
        let lexicon = self.lexicon
        for set in [lexicon.causalCues, lexicon.participles, lexicon.correlationalCues, lexicon.hedges, lexicon.negators, lexicon.negationScopes, lexicon.aims] {
            phrases += set.phrases
        }
        for signal in lexicon.signals { for value in signal.values { phrases += value.phrases.phrases } }
        for (_, entries) in lexicon.terms.terms { for entry in entries { phrases += entry.phrases.phrases } }
        var patterns: [String] = []
        func collect(_ condition: Condition) {
            switch condition {
            case .all(let list), .any(let list): list.forEach(collect)
            case .not(let inner): collect(inner)
            case .text(let matcher):
                phrases += matcher.phrases.phrases
                patterns += matcher.patterns.map(\.source)
            default: break
            }
        }
        rules.forEach { collect($0.condition) }
        let asRegex = phrases.map { phrase in
            "\\b" + phrase.split(whereSeparator: { $0 == " " || $0 == "-" }).map { word in
                word == "*" ? "\\w+" : RulePack.escapeRegex(String(word))
            }.joined(separator: "[\\s-]+") + "\\b"
        }
        var seen: Set<String> = []
        return (asRegex + patterns).filter { seen.insert($0).inserted }
    }
}
