/// "Did you mean" suggestions by edit distance, as compilers offer for misspelt names: the one
/// way loaders, configuration and commands suggest a name.
public enum NearestMatch {
    /// The value paired with the candidate key nearest to `word`, if near enough to be a plausible typo.
    static func best(for word: String, among candidates: [(key: String, value: String)]) -> String? {
        let limit = max(2, word.count / 3)
        var best: (distance: Int, value: String)?
        for candidate in candidates {
            let distance = editDistance(word, candidate.key, limit: limit)
            if distance <= limit, distance < (best?.distance ?? .max) {
                best = (distance, candidate.value)
            }
        }
        return best?.value
    }

    public static func best(for word: String, among keys: [String]) -> String? {
        best(for: word, among: keys.map { ($0, $0) })
    }

    /// Levenshtein distance, stopping early once every path exceeds `limit`.
    static func editDistance(_ a: String, _ b: String, limit: Int) -> Int {
        let a = Array(a.unicodeScalars), b = Array(b.unicodeScalars)
        if abs(a.count - b.count) > limit { return limit + 1 }
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            var rowMinimum = current[0]
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                rowMinimum = min(rowMinimum, current[j])
            }
            if rowMinimum > limit { return limit + 1 }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
