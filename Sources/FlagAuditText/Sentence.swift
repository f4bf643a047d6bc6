import FlagAuditModel

/// A sentence of an entry's text, located in its file, with its words and (once classified) its claim strength.
public struct Sentence: Sendable {
    public var field: StudyField
    public var text: String
    public var location: SourceLocation
    /// Where the sentence starts in its text block, in Unicode scalars.
    public var offset: Int = 0
    public var tokens: [Token] { didSet { words = WordMask(tokens) } }
    /// The tokens' words in brief, so phrase sets skip sentences they cannot match.
    public private(set) var words: WordMask
    /// Nil until the analysis classifies the sentence's field (`StudyAnalysis.classifyClaims`).
    /// Classified for rules, so without the model's explanation (`ClaimClassifier.classify` gives one).
    public var claim: ClaimAnalysis?

    public init(field: StudyField, text: String, location: SourceLocation, offset: Int = 0, tokens: [Token], claim: ClaimAnalysis? = nil) {
        self.field = field
        self.text = text
        self.location = location
        self.offset = offset
        self.tokens = tokens
        self.words = WordMask(tokens)
        self.claim = claim
    }

    /// Whether one of `phrases` occurs in the sentence (its word mask skips most sentences).
    public func contains(_ phrases: PhraseSet) -> Bool { phrases.firstMatch(in: tokens, words: words) != nil }

    /// The exact words of a token range, as written.
    public func excerpt(_ range: Range<Int>) -> String {
        guard let first = range.first, range.upperBound <= tokens.count else { return text }
        let start = tokens[first].start, end = tokens[range.upperBound - 1].end
        // Most excerpts are ASCII words and single spaces: cut them from the UTF-8 as they are.
        var text = text
        let plain: String? = text.withUTF8 { utf8 in
            guard end <= utf8.count, TextUnits.isASCII(UnsafeBufferPointer(rebasing: utf8[..<end])) else { return nil }
            let bytes = UnsafeBufferPointer(rebasing: utf8[start..<end])
            var previousWasSpace = false
            for byte in bytes {
                let isSpace = byte == 0x20
                if isSpace && previousWasSpace || byte < 0x20 || byte == 0x7F {
                    return nil
                }
                previousWasSpace = isSpace
            }
            return String(decoding: bytes, as: UTF8.self)
        }
        if let plain { return plain }
        let scalars = Array(text.unicodeScalars)
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars[start..<end])
        // A match may span a line break in the source; messages show it on one line.
        return view.split(whereSeparator: Whitespace.isProse).map(String.init).joined(separator: " ")
    }
}
