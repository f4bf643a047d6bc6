/// Decides whether a word in a sentence is negated: a negator a few words before it
/// ("did not improve"), or an open negation scope ("does not prove that CBT works").
public struct Negation: Sendable {
    /// Only the lexicon's negation entries: a negation is copied into every analysis.
    private let negators: PhraseSet
    private let negationScopes: PhraseSet
    private let scopeClosers: PhraseSet
    private let window: Int

    public init(lexicon: Lexicon) {
        negators = lexicon.negators
        negationScopes = lexicon.negationScopes
        scopeClosers = lexicon.scopeClosers
        window = lexicon.negationWindow
    }

    /// A negator within the window of words before `index` ("did not improve").
    private func hasNegator(before index: Int, in tokens: [Token]) -> Bool {
        (max(0, index - window)..<index).contains { negators.matches(at: $0, in: tokens) != nil }
    }

    /// For each position of `tokens` (and one past the end), whether a negation scope is open
    /// there, in one walk over the sentence: what `isNegated(tokenAt:in:)` walks anew from the
    /// start for every word it is asked about, which made a long line quadratic.
    public func scopes(of tokens: [Token]) -> [Bool] {
        var open = [Bool](repeating: false, count: tokens.count + 1)
        var isOpen = false, i = 0
        while i < tokens.count {
            let start = i
            if let length = negationScopes.matches(at: i, in: tokens) {
                isOpen = true
                i += length
            } else if isOpen, let length = scopeClosers.matches(at: i, in: tokens) {
                isOpen = false
                i += length
            } else {
                i += 1
            }
            // Asked about a word in (start, i], the walk's last step would be this one.
            for index in (start + 1)...min(i, tokens.count) { open[index] = isOpen }
        }
        return open
    }

    /// `isNegated(tokenAt:in:)` with the sentence's `scopes(of:)` worked out once.
    public func isNegated(tokenAt index: Int, in tokens: [Token], scopes: [Bool]) -> Bool {
        hasNegator(before: index, in: tokens) || scopes[index]
    }

    /// The reference: walks the sentence from its start to `index`.
    public func isNegated(tokenAt index: Int, in tokens: [Token]) -> Bool {
        if hasNegator(before: index, in: tokens) { return true }
        var open = false
        var i = 0
        while i < index {
            if let length = negationScopes.matches(at: i, in: tokens) {
                open = true
                i += length
            } else if open, let length = scopeClosers.matches(at: i, in: tokens) {
                open = false
                i += length
            } else {
                i += 1
            }
        }
        return open
    }
}
