import FlagAuditModel

/// A word of a text, lowercased, with its scalar offsets in the text it came from.
public struct Token: Sendable, Equatable {
    public var text: String
    public var start: Int
    public var end: Int
    /// Whether punctuation (not just space) separates this word from the previous one.
    public var followsPunctuation: Bool = false
    /// `WordHash` of `text`, computed once so phrase matching never hashes strings.
    public var hash: UInt64 = 0
    /// `WordHash` key of the word's stem (`ClaimClassifier.stem`), found while the word's bytes
    /// are at hand: the claim model's stem features read it for every word they classify.
    public var stemHash: UInt64 = 0
}

/// Splits text into word tokens: runs of letters and digits, with inner apostrophes
/// ("don't") and decimal points ("2.5") kept. Hyphens and slashes separate words, so the
/// phrase "hypothesis-generating" matches "hypothesis generating" too.
public enum Tokenizer {
    public static func tokens(_ scalars: ArraySlice<Unicode.Scalar>) -> [Token] {
        scalars.withUnsafeBufferPointer { tokens($0) }
    }

    /// The tokens of a text's scalars, or of its bytes when they are all ASCII (`TextUnit`).
    static func tokens<Unit: TextUnit>(_ scalars: UnsafeBufferPointer<Unit>) -> [Token] {
        var tokens: [Token] = []
        tokens.reserveCapacity(scalars.count / 5)
        var index = 0
        let end = scalars.count
        var previousEnd = 0
        while index < end {
            guard isWordScalar(scalars[index].scalar) else { index += 1; continue }
            // First where the word ends, then its lower-cased text and hash: an ASCII word
            // (most are) is written straight into its string, with no buffer in between.
            let start = index
            var ascii = true
            while index < end {
                let scalar = scalars[index].scalar
                if isWordScalar(scalar) {
                    if scalar.value >= 0x80 { ascii = false }
                    index += 1
                    continue
                }
                guard scalar == "'" || scalar == "\u{2019}" || scalar == ".", index + 1 < end,
                    isWordScalar(scalars[index + 1].scalar),
                    scalar != "." || (isDigit(scalars[index - 1].scalar) && isDigit(scalars[index + 1].scalar))
                else { break }
                index += 1
            }
            let word = UnsafeBufferPointer(rebasing: scalars[start..<index])
            let (text, hash, stemHash) = ascii ? asciiWord(word) : loweredWord(word)
            var punctuated = false
            var gap = previousEnd
            while gap < start {
                if !Whitespace.isProse(scalars[gap].scalar) { punctuated = true; break }
                gap += 1
            }
            tokens.append(Token(
                text: text, start: start, end: index, followsPunctuation: punctuated, hash: hash, stemHash: stemHash))
            previousEnd = index
        }
        return tokens
    }

    /// A word of ASCII letters, digits, inner apostrophes (’ written ') and decimal points,
    /// lower-cased by arithmetic. For ASCII, `WordHash` is FNV-1a of the bytes.
    @inline(__always) private static func asciiWord<Unit: TextUnit>(_ word: UnsafeBufferPointer<Unit>) -> (String, UInt64, UInt64) {
        var hash = WordHash.seed, stemHash: UInt64 = 0
        let text = String(unsafeUninitializedCapacity: word.count) { bytes in
            for (offset, unit) in word.enumerated() {
                let scalar = unit.scalar
                var byte = scalar == "\u{2019}" ? UInt8(ascii: "'") : UInt8(truncatingIfNeeded: scalar.value)
                if byte >= 0x41 && byte <= 0x5A { byte += 0x20 }
                bytes[offset] = byte
                hash = FNV1a.add(byte, to: hash)
            }
            stemHash = ClaimClassifier.asciiStemHash(UnsafeBufferPointer(rebasing: bytes[..<word.count]), hash: WordHash.key(hash))
            return word.count
        }
        return (text, hash, stemHash)
    }

    /// Any other word, lower-cased as Unicode says (a scalar lower-cases to at most three, of
    /// at most four bytes each), gathered as UTF-8 in a temporary buffer.
    private static func loweredWord<Unit: TextUnit>(_ word: UnsafeBufferPointer<Unit>) -> (String, UInt64, UInt64) {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: word.count * 12) { buffer in
            var length = 0
            var hash = WordHash.seed
            for unit in word {
                let scalar = unit.scalar
                if isWordScalar(scalar) {
                    for lowered in scalar.properties.lowercaseMapping.unicodeScalars {
                        UTF8.encode(lowered) { buffer[length] = $0; length += 1 }
                        hash = WordHash.add(lowered, to: hash)
                    }
                } else {
                    let kept: Unicode.Scalar = scalar == "\u{2019}" ? "'" : scalar
                    buffer[length] = UInt8(truncatingIfNeeded: kept.value)
                    length += 1
                    hash = WordHash.add(kept, to: hash)
                }
            }
            let text = String(decoding: UnsafeBufferPointer(rebasing: buffer[..<length]), as: UTF8.self)
            return (text, hash, ClaimClassifier.stemHash(text, hash: WordHash.key(hash)))
        }
    }

    public static func tokens(_ text: String) -> [Token] {
        tokens(Array(text.unicodeScalars)[...])
    }

    @inline(__always) static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if value < 0x80 {
            return (value >= 0x61 && value <= 0x7A) || (value >= 0x41 && value <= 0x5A) || (value >= 0x30 && value <= 0x39)
        }
        return scalar.properties.isAlphabetic || scalar.properties.numericType != nil
    }

    @inline(__always) static func isLetter(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        return value < 0x80 ? (value >= 0x61 && value <= 0x7A) || (value >= 0x41 && value <= 0x5A) : scalar.properties.isAlphabetic
    }

    @inline(__always) static func isDigit(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x80 ? (scalar.value >= 0x30 && scalar.value <= 0x39) : scalar.properties.numericType != nil
    }
}
