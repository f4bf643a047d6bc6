import FlagAuditModel

/// How a model feature's name becomes the 64-bit key its weights are looked up by.
/// N-gram features, words ("w:word"), word pairs ("b:first_second") and stems ("s:stem"), are
/// keyed from the `WordHash` of their words, so a classifier builds their keys from its
/// tokens' hashes without making or hashing a string per word. Every other feature (lexicon
/// cues, a handful per sentence) is keyed by `FNV1a` of its whole name. Words never contain
/// "_" (the tokenizer keeps letters, digits, inner apostrophes and decimal points), so a
/// pair's name splits at its first "_".
public enum FeatureKey {
    public static func of(_ name: String) -> UInt64 {
        let utf8 = name.utf8
        if utf8.count > 2, utf8[utf8.index(after: utf8.startIndex)] == UInt8(ascii: ":") {
            let rest = name.dropFirst(2)
            switch utf8.first {
            case UInt8(ascii: "w"): return word(WordHash.of(String(rest)))
            case UInt8(ascii: "s"): return stem(WordHash.of(String(rest)))
            case UInt8(ascii: "b"):
                if let cut = rest.firstIndex(of: "_") {
                    return pair(WordHash.of(String(rest[..<cut])), WordHash.of(String(rest[rest.index(after: cut)...])))
                }
            default: break
            }
        }
        return nonzero(FNV1a.hash(name))
    }

    /// Keys from `WordHash` keys (`WordHash.of`), one tag per kind of n-gram.
    @inline(__always) public static func word(_ hash: UInt64) -> UInt64 { nonzero(mix(hash &+ 0x9E37_79B9_7F4A_7C15)) }
    @inline(__always) public static func stem(_ hash: UInt64) -> UInt64 { nonzero(mix(hash &+ 0x3C6E_F372_FE94_F82A)) }
    @inline(__always) public static func pair(_ first: UInt64, _ second: UInt64) -> UInt64 {
        nonzero(mix(mix(first &+ 0xDAA6_6D2C_7DDF_743F) ^ second))
    }

    /// SplitMix64's finaliser: every input bit reaches every output bit.
    @inline(__always) static func mix(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// `HashTable` keeps 0 for empty slots.
    @inline(__always) package static func nonzero(_ key: UInt64) -> UInt64 { key == 0 ? 1 : key }
}
