/// A set of phrases matched word by word (case-insensitive, on token boundaries).
/// `*` in a phrase stands for any one word.
public struct PhraseSet: Sendable {
    public private(set) var phrases: [String] = []
    private var byFirstWord: [String: [[String]]] = [:]
    private var wildcardFirst: [[String]] = []

    public init(_ phrases: [String] = []) {
        for phrase in phrases { insert(phrase) }
    }

    public var isEmpty: Bool { phrases.isEmpty }

    public mutating func insert(_ phrase: String) {
        let pattern = phrase.split(separator: " ").flatMap { part in
            part == "*" ? ["*"] : Tokenizer.tokens(String(part)).map(\.text)
        }
        guard !pattern.isEmpty else { return }
        phrases.append(phrase)
        if pattern[0] == "*" { wildcardFirst.append(pattern) } else { byFirstWord[pattern[0], default: []].append(pattern) }
    }

    /// Every match as a half-open range of token indices, leftmost first, longest first at a position.
    public func matches(in tokens: [Token]) -> [Range<Int>] {
        var found: [Range<Int>] = []
        for i in tokens.indices {
            var best = 0
            for pattern in (byFirstWord[tokens[i].text] ?? []) + wildcardFirst where pattern.count > best {
                if matches(pattern, tokens, at: i) { best = pattern.count }
            }
            if best > 0 { found.append(i..<(i + best)) }
        }
        return found
    }

    public func firstMatch(in tokens: [Token]) -> Range<Int>? { matches(in: tokens).first }

    /// Whether the phrase set matches starting exactly at token `i`.
    public func matches(at i: Int, in tokens: [Token]) -> Int? {
        var best: Int?
        for pattern in (byFirstWord[tokens[i].text] ?? []) + wildcardFirst where matches(pattern, tokens, at: i) {
            best = max(best ?? 0, pattern.count)
        }
        return best
    }

    private func matches(_ pattern: [String], _ tokens: [Token], at start: Int) -> Bool {
        guard start + pattern.count <= tokens.count else { return false }
        for (k, word) in pattern.enumerated() where word != "*" && tokens[start + k].text != word {
            return false
        }
        return true
    }
}
