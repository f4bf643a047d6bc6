/// A word of a text, lowercased, with its scalar offsets in the text it came from.
public struct Token: Sendable, Equatable {
    public var text: String
    public var start: Int
    public var end: Int
    /// Whether punctuation (not just space) separates this word from the previous one.
    public var followsPunctuation: Bool = false
}

/// Splits text into word tokens: runs of letters and digits, with inner apostrophes
/// ("don't") and decimal points ("2.5") kept. Hyphens and slashes separate words, so the
/// phrase "hypothesis-generating" matches "hypothesis generating" too.
public enum Tokenizer {
    public static func tokens(_ scalars: ArraySlice<Unicode.Scalar>) -> [Token] {
        var tokens: [Token] = []
        var index = scalars.startIndex
        let end = scalars.endIndex
        while index < end {
            guard isWordScalar(scalars[index]) else { index += 1; continue }
            let start = index
            var word = String.UnicodeScalarView()
            while index < end {
                let scalar = scalars[index]
                if isWordScalar(scalar) {
                    word.append(contentsOf: scalar.properties.lowercaseMapping.unicodeScalars)
                    index += 1
                } else if (scalar == "'" || scalar == "\u{2019}" || scalar == "."), index + 1 < end,
                    isWordScalar(scalars[index + 1]), index > start,
                    scalar != "." || (scalars[index - 1].properties.numericType != nil && scalars[index + 1].properties.numericType != nil)
                {
                    word.append(scalar == "\u{2019}" ? "'" : scalar)
                    index += 1
                } else {
                    break
                }
            }
            let previousEnd = tokens.last.map { $0.end + scalars.startIndex } ?? scalars.startIndex
            let punctuated = scalars[previousEnd..<start].contains { !$0.properties.isWhitespace }
            tokens.append(Token(
                text: String(word), start: start - scalars.startIndex, end: index - scalars.startIndex,
                followsPunctuation: punctuated))
        }
        return tokens
    }

    public static func tokens(_ text: String) -> [Token] {
        tokens(Array(text.unicodeScalars)[...])
    }

    static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isAlphabetic || scalar.properties.numericType != nil
    }
}
