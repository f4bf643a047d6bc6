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

    public func isNegated(tokenAt index: Int, in tokens: [Token]) -> Bool {
        let windowStart = max(0, index - window)
        for i in windowStart..<index where negators.matches(at: i, in: tokens) != nil {
            return true
        }
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
