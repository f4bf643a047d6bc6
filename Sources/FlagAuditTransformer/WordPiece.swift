/// BERT's WordPiece tokenizer over a vocabulary: each word of `BasicTokenizer` split greedily
/// into the longest pieces the vocabulary holds (continuations spelled `##piece`); a word that
/// cannot be split, or is longer than 100 characters, is `[UNK]`. The special tokens, written
/// exactly as themselves, are matched in the raw text first, as the reference matches them.
public struct WordPiece: Sendable {
    public let vocabulary: [String: Int32]
    public let unknown: Int32, classify: Int32, separator: Int32
    private let specials: [(token: String, id: Int32)]
    static let maxWordLength = 100

    /// `lines`: the vocabulary file's lines, a token's id being its line number less one.
    public init(lines: [Substring], path: String) throws(TransformerError) {
        var vocabulary: [String: Int32] = [:]
        vocabulary.reserveCapacity(lines.count)
        for (index, line) in lines.enumerated() {
            let token = line.last == "\r" ? String(line.dropLast()) : String(line)
            if token.isEmpty && index == lines.count - 1 { break }
            if vocabulary[token] == nil { vocabulary[token] = Int32(index) }
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
        for segment in segments(text) {
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

    enum Segment { case text(String), special(Int32) }

    /// The text cut at every special token written in it.
    func segments(_ text: String) -> [Segment] {
        guard text.contains("[") else { return [.text(text)] }
        var segments: [Segment] = []
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "[") {
            let tail = rest[open...]
            if let special = specials.first(where: { tail.hasPrefix($0.token) }) {
                if open > rest.startIndex { segments.append(.text(String(rest[..<open]))) }
                segments.append(.special(special.id))
                rest = tail.dropFirst(special.token.count)
            } else {
                segments.append(.text(String(rest[...open])))
                rest = rest[rest.index(after: open)...]
            }
        }
        if !rest.isEmpty { segments.append(.text(String(rest))) }
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
