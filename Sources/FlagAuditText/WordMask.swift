
/// A 256-bit summary of the words of a sentence (one bit per word hash), so a phrase set can
/// tell at once that none of its phrases can occur there: a phrase needs its key word, and a
/// word that is absent has its bit clear (a set bit may still be another word: then the words
/// are compared as usual).
public struct WordMask: Sendable, Equatable {
    private var a: UInt64 = 0, b: UInt64 = 0, c: UInt64 = 0, d: UInt64 = 0

    public init() {}

    public init(_ tokens: [Token]) {
        for token in tokens { insert(token.hash) }
    }

    /// Every bit set: matches anything (a phrase made of wildcards only).
    public static var all: WordMask { WordMask(a: ~0, b: ~0, c: ~0, d: ~0) }

    private init(a: UInt64, b: UInt64, c: UInt64, d: UInt64) {
        self.a = a; self.b = b; self.c = c; self.d = d
    }

    @inline(__always) mutating func insert(_ hash: UInt64) {
        // The hash's top bits after a multiplicative mix pick the bit: FNV's low bits vary less.
        let bit = (hash &* 0x9E37_79B9_7F4A_7C15) >> 56
        let flag: UInt64 = 1 << (bit & 63)
        switch bit >> 6 {
        case 0: a |= flag
        case 1: b |= flag
        case 2: c |= flag
        default: d |= flag
        }
    }

    mutating func formUnion(_ other: WordMask) {
        a |= other.a; b |= other.b; c |= other.c; d |= other.d
    }

    /// Whether every bit of `self` is set in `other`: all of a phrase's words may be there.
    @inline(__always) func isSubset(of other: WordMask) -> Bool {
        (a & ~other.a) | (b & ~other.b) | (c & ~other.c) | (d & ~other.d) == 0
    }

    @inline(__always) func intersects(_ other: WordMask) -> Bool {
        (a & other.a) | (b & other.b) | (c & other.c) | (d & other.d) != 0
    }
}
