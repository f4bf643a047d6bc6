/// A word of a text, lowercased, with its scalar offsets in the text it came from.
public struct Token: Sendable, Equatable {
    public var text: String
    public var start: Int
    public var end: Int
    /// Whether punctuation (not just space) separates this word from the previous one.
    public var followsPunctuation: Bool = false
    /// `WordHash` of `text`, computed once so phrase matching never hashes strings.
    public var hash: UInt64 = 0
}

/// Splits text into word tokens: runs of letters and digits, with inner apostrophes
/// ("don't") and decimal points ("2.5") kept. Hyphens and slashes separate words, so the
/// phrase "hypothesis-generating" matches "hypothesis generating" too.
public enum Tokenizer {
    public static func tokens(_ scalars: ArraySlice<Unicode.Scalar>) -> [Token] {
        var tokens: [Token] = []
        tokens.reserveCapacity(scalars.count / 5)
        // The lower-cased word is gathered as UTF-8 in one buffer on the stack, big enough for
        // any word (a scalar lower-cases to at most three, of at most four bytes each).
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: scalars.count * 12 + 16) { word in
            scalars.withUnsafeBufferPointer { scalars in
                var index = 0
                let end = scalars.count
                var previousEnd = 0
                while index < end {
                    guard isWordScalar(scalars[index]) else { index += 1; continue }
                    let start = index
                    var length = 0
                    var hash = WordHash.seed
                    while index < end {
                        let scalar = scalars[index]
                        let value = scalar.value
                        if value < 0x80 {
                            // ASCII: word characters and lower-casing by arithmetic, no Unicode tables.
                            if (value >= 0x61 && value <= 0x7A) || (value >= 0x30 && value <= 0x39) {
                                word[length] = UInt8(truncatingIfNeeded: value)
                                length += 1
                                hash = FNV1a.add(UInt8(truncatingIfNeeded: value), to: hash)
                                index += 1
                                continue
                            }
                            if value >= 0x41 && value <= 0x5A {
                                word[length] = UInt8(truncatingIfNeeded: value + 0x20)
                                length += 1
                                hash = FNV1a.add(UInt8(truncatingIfNeeded: value + 0x20), to: hash)
                                index += 1
                                continue
                            }
                        } else if isWordScalar(scalar) {
                            for lowered in scalar.properties.lowercaseMapping.unicodeScalars {
                                UTF8.encode(lowered) { word[length] = $0; length += 1 }
                                hash = WordHash.add(lowered, to: hash)
                            }
                            index += 1
                            continue
                        }
                        if (scalar == "'" || scalar == "\u{2019}" || scalar == "."), index + 1 < end,
                            isWordScalar(scalars[index + 1]), index > start,
                            scalar != "." || (isDigit(scalars[index - 1]) && isDigit(scalars[index + 1]))
                        {
                            let kept: Unicode.Scalar = scalar == "\u{2019}" ? "'" : scalar
                            word[length] = UInt8(truncatingIfNeeded: kept.value)
                            length += 1
                            hash = WordHash.add(kept, to: hash)
                            index += 1
                        } else {
                            break
                        }
                    }
                    var punctuated = false
                    var gap = previousEnd
                    while gap < start {
                        if !isSpace(scalars[gap]) { punctuated = true; break }
                        gap += 1
                    }
                    tokens.append(Token(
                        text: String(decoding: UnsafeBufferPointer(rebasing: word[..<length]), as: UTF8.self),
                        start: start, end: index, followsPunctuation: punctuated, hash: hash))
                    previousEnd = index
                }
            }
        }
        return tokens
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

    @inline(__always) static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x80 ? (scalar == " " || scalar == "\n" || scalar == "\t" || scalar == "\r") : scalar.properties.isWhitespace
    }
}

/// `FNV1a` over a word's scalars (each scalar's value, low byte first): a stable 64-bit key for phrase tables.
public enum WordHash {
    public static let seed = FNV1a.basis
    /// The key `*` stands for in phrases: any one word.
    public static let wildcard: UInt64 = 0

    @inline(__always) static func add(_ scalar: Unicode.Scalar, to hash: UInt64) -> UInt64 {
        var value = scalar.value, hash = hash
        repeat {
            hash = FNV1a.add(UInt8(truncatingIfNeeded: value), to: hash)
            value >>= 8
        } while value != 0
        return hash
    }

    public static func of(_ word: String) -> UInt64 {
        var hash = seed
        for scalar in word.unicodeScalars { hash = add(scalar, to: hash) }
        return key(hash)
    }

    /// A finished hash as a table key: never the wildcard.
    @inline(__always) static func key(_ hash: UInt64) -> UInt64 { hash == wildcard ? 1 : hash }
}
