import FlagAuditModel

/// BERT's WordPiece tokenizer over a vocabulary: each word of `BasicTokenizer` split greedily
/// into the longest pieces the vocabulary holds (continuations spelled `##piece`); a word that
/// cannot be split, or is longer than 100 characters, is `[UNK]`. The special tokens, written
/// exactly as themselves, are matched in the raw text first, as the reference matches them.
public struct WordPiece: Sendable {
    public let vocabulary: [String: Int32]
    public let unknown: Int32, classify: Int32, separator: Int32
    private let specials: [(token: String, id: Int32)]
    static let maxWordLength = 100

    /// `text`: the vocabulary file, one token a line (LF or CRLF), a token's id being its line
    /// number less one. A token written twice is refused: the ids after it would be ambiguous.
    public init(text: String, path: String) throws(TransformerError) {
        var vocabulary: [String: Int32] = [:]
        var lines = text.utf8.split(separator: 0x0A, omittingEmptySubsequences: false)
        if lines.last?.isEmpty == true { lines.removeLast() }
        vocabulary.reserveCapacity(lines.count)
        for (index, line) in lines.enumerated() {
            let token = String(decoding: line.last == 0x0D ? line.dropLast() : line, as: UTF8.self)
            if vocabulary.updateValue(Int32(index), forKey: token) != nil {
                throw TransformerError(path: path, "line \(index + 1): '\(token)' is already a token of the vocabulary")
            }
        }
        func id(_ token: String) throws(TransformerError) -> Int32 {
            guard let id = vocabulary[token] else { throw TransformerError(path: path, "the vocabulary has no \(token)") }
            return id
        }
        self.vocabulary = vocabulary
        self.unknown = try id("[UNK]")
        self.classify = try id("[CLS]")
        self.separator = try id("[SEP]")
        var specials: [(String, Int32)] = []
        for token in ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"] {
            if let id = vocabulary[token] { specials.append((token, id)) }
        }
        self.specials = specials
    }

    /// The ids of a text as the model reads it: `[CLS]`, the pieces, `[SEP]`, at most
    /// `limit` in all (the pieces past `limit - 2` are dropped, as the reference truncates).
    public func ids(_ text: String, limit: Int) -> [Int32] {
        var ids: [Int32] = [classify]
        for segment in segments(WordPiece.window(text)) {
            switch segment {
            case .special(let id): ids.append(id)
            case .text(let text):
                for word in BasicTokenizer.words(text) { pieces(of: word, into: &ids) }
            }
            if ids.count >= limit - 1 { break }
        }
        if ids.count > limit - 1 { ids.removeLast(ids.count - (limit - 1)) }
        ids.append(separator)
        return ids
    }

    /// The most of a text that is read: its first 16,384 characters. A model window of 126
    /// pieces is full long before (a piece is at least one character, a word of over 100 is one
    /// piece), unless the text opens with thousands of characters that make no piece at all;
    /// bounding it keeps a 10 MB line from costing seconds.
    static let maxCharacters = 16_384

    static func window(_ text: String) -> String { text.prefix(scalars: maxCharacters) ?? text }

    enum Segment { case text(String), special(Int32) }

    /// The text cut at every special token written in it, matched scalar by scalar (a mark
    /// combining with the closing bracket does not hide the token).
    func segments(_ text: String) -> [Segment] {
        let scalars = Array(text.unicodeScalars)
        guard scalars.contains("[") else { return [.text(text)] }
        var segments: [Segment] = []
        var start = 0, index = 0
        while index < scalars.count {
            if scalars[index] == "[", let special = specials.first(where: { special in
                let token = Array(special.token.unicodeScalars)
                return index + token.count <= scalars.count && scalars[index..<(index + token.count)].elementsEqual(token)
            }) {
                if index > start { segments.append(.text(String(String.UnicodeScalarView(scalars[start..<index])))) }
                segments.append(.special(special.id))
                index += special.token.unicodeScalars.count
                start = index
            } else {
                index += 1
            }
        }
        if start < scalars.count { segments.append(.text(String(String.UnicodeScalarView(scalars[start...])))) }
        return segments
    }

    func pieces(of word: String, into ids: inout [Int32]) {
        let scalars = Array(word.unicodeScalars)
        guard scalars.count <= WordPiece.maxWordLength else { ids.append(unknown); return }
        var found: [Int32] = []
        var start = 0
        while start < scalars.count {
            var end = scalars.count, match: Int32?
            while end > start {
                var piece = start > 0 ? "##" : ""
                piece.unicodeScalars.append(contentsOf: scalars[start..<end])
                if let id = vocabulary[piece] { match = id; break }
                end -= 1
            }
            guard let match else { ids.append(unknown); return }
            found.append(match)
            start = end
        }
        ids += found
    }
}
