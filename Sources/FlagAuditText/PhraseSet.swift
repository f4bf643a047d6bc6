import FlagAuditModel

/// A set of phrases matched word by word (case-insensitive, on token boundaries).
/// `*` in a phrase stands for any one word. Words are compared by their 64-bit hashes, looked
/// up in a flat open-addressing table, so matching a sentence hashes no strings.
public struct PhraseSet: Sendable {
    /// The patterns, built once and shared: a phrase set is copied wherever a lexicon entry is
    /// read, and one reference is cheaper to copy than five arrays.
    private let storage: Storage
    /// One key word per phrase (its longest, likely rarest, word): a sentence without any of
    /// them cannot match, whatever its other words.
    public let keyWords: WordMask

    fileprivate final class Storage: Sendable {
        let phrases: [String]
        /// Patterns as word hashes, grouped by first word; `heads` maps a first-word hash to its group.
        let groups: [[[UInt64]]]
        let heads: HashTable
        let wildcardFirst: [[UInt64]]
        /// Each phrase's words (wildcards aside): a phrase can only occur where all of them do.
        let phraseWords: [WordMask]

        init(phrases: [String], groups: [[[UInt64]]], heads: HashTable, wildcardFirst: [[UInt64]], phraseWords: [WordMask]) {
            self.phrases = phrases
            self.phraseWords = phraseWords
            self.groups = groups
            self.heads = heads
            self.wildcardFirst = wildcardFirst
        }
    }

    public init(_ phrases: [String] = []) {
        var kept: [String] = [], groups: [[[UInt64]]] = [], heads = HashTable(), wildcardFirst: [[UInt64]] = []
        var keyWords = WordMask(), phraseWords: [WordMask] = []
        for phrase in phrases {
            // Each part tokenized once: `*` stays a wildcard, every other part gives its words.
            let parts = phrase.split(separator: " ").map { $0 == "*" ? nil : Tokenizer.tokens(String($0)) }
            let pattern = parts.flatMap { $0?.map(\.hash) ?? [WordHash.wildcard] }
            guard !pattern.isEmpty else { continue }
            kept.append(phrase)
            let words = parts.flatMap { $0 ?? [] }
            phraseWords.append(WordMask(words))
            if let key = words.max(by: { $0.text.utf8.count < $1.text.utf8.count }) {
                keyWords.insert(key.hash)
            } else {
                keyWords.formUnion(.all)
            }
            if pattern[0] == WordHash.wildcard {
                wildcardFirst.append(pattern)
            } else if let group = heads.value(for: pattern[0]) {
                groups[group].append(pattern)
            } else {
                heads.insert(pattern[0], value: groups.count)
                groups.append([pattern])
            }
        }
        self.storage = Storage(phrases: kept, groups: groups, heads: heads, wildcardFirst: wildcardFirst, phraseWords: phraseWords)
        self.keyWords = keyWords
    }

    public var phrases: [String] { storage.phrases }

    public var isEmpty: Bool { storage.phrases.isEmpty }

    /// Whether a phrase may occur among words summarised by `words` (false: certainly not):
    /// first one key word per phrase, then all the words of some phrase.
    @inline(__always) public func mayMatch(_ words: WordMask) -> Bool {
        keyWords.intersects(words) && storage.phraseWords.contains { $0.isSubset(of: words) }
    }

    /// Every match as a half-open range of token indices, leftmost first, longest first at a position.
    /// `words`, the tokens' `WordMask` when the caller has it, skips sentences that cannot match.
    public func matches(in tokens: [Token], words: WordMask = .all) -> [Range<Int>] {
        var found: [Range<Int>] = []
        guard mayMatch(words) else { return found }
        let storage = storage
        for i in tokens.indices {
            if let length = storage.longestMatch(at: i, in: tokens) { found.append(i..<(i + length)) }
        }
        return found
    }

    public func firstMatch(in tokens: [Token], words: WordMask = .all) -> Range<Int>? {
        guard mayMatch(words) else { return nil }
        let storage = storage
        for i in tokens.indices {
            if let length = storage.longestMatch(at: i, in: tokens) { return i..<(i + length) }
        }
        return nil
    }

    /// The length of the longest phrase matching exactly at token `i`.
    @inline(__always)
    public func matches(at i: Int, in tokens: [Token]) -> Int? { storage.longestMatch(at: i, in: tokens) }
}

extension PhraseSet.Storage {
    // On the shared storage, so a scan over a sentence reads the tables without retaining them per word.
    @inline(__always)
    func longestMatch(at i: Int, in tokens: [Token]) -> Int? {
        var best = 0
        if let group = heads.value(for: tokens[i].hash) {
            for pattern in groups[group] where pattern.count > best && matches(pattern, tokens, at: i) { best = pattern.count }
        }
        for pattern in wildcardFirst where pattern.count > best && matches(pattern, tokens, at: i) { best = pattern.count }
        return best > 0 ? best : nil
    }

    private func matches(_ pattern: [UInt64], _ tokens: [Token], at start: Int) -> Bool {
        guard start + pattern.count <= tokens.count else { return false }
        for k in 1..<max(1, pattern.count) where pattern[k] != WordHash.wildcard && tokens[start + k].hash != pattern[k] {
            return false
        }
        return pattern[0] == WordHash.wildcard || tokens[start].hash == pattern[0]
    }
}
