/// Decides whether a word in a sentence is negated: a negator a few words before it
/// ("did not improve"), or an open negation scope ("does not prove that CBT works").
public struct Negation: Sendable {
    public var lexicon: Lexicon

    public init(lexicon: Lexicon) { self.lexicon = lexicon }

    public func isNegated(tokenAt index: Int, in tokens: [Token]) -> Bool {
        let windowStart = max(0, index - lexicon.negationWindow)
        for i in windowStart..<index where lexicon.negators.matches(at: i, in: tokens) != nil {
            return true
        }
        var open = false
        var i = 0
        while i < index {
            if let length = lexicon.negationScopes.matches(at: i, in: tokens) {
                open = true
                i += length
            } else if open, let length = lexicon.scopeClosers.matches(at: i, in: tokens) {
                open = false
                i += length
            } else {
                i += 1
            }
        }
        return open
    }
}
