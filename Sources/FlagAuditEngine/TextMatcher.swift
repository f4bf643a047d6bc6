import FlagAuditModel
import FlagAuditText

/// A condition on the sentences of chosen text fields: a claim strength, phrases or patterns,
/// minus exceptions and negated matches; or, with `absent`, the absence of any such match.
public struct TextMatcher: Sendable {
    public var fields: [StudyField]
    public var claims: Set<ClaimStrength>?
    public var phrases: PhraseSet
    public var patterns: [TextPattern]
    public var except: PhraseSet
    public var ignoresNegated: Bool
    public var absent: Bool

    /// Fields read when a rule names none. `limitations` is left out on purpose: it holds
    /// what a study does not show, so its wording is not the study's claim.
    public static let defaultFields: [StudyField] = [.title, .summary, .whyItMatters, .findings, .conclusions, .text]

    public init(
        fields: [StudyField] = TextMatcher.defaultFields, claims: Set<ClaimStrength>? = nil,
        phrases: PhraseSet = PhraseSet(), patterns: [TextPattern] = [], except: PhraseSet = PhraseSet(),
        ignoresNegated: Bool = true, absent: Bool = false
    ) {
        self.fields = fields
        self.claims = claims
        self.phrases = phrases
        self.patterns = patterns
        self.except = except
        self.ignoresNegated = ignoresNegated
        self.absent = absent
    }

    func evaluate(_ analysis: inout StudyAnalysis, negation: Negation) -> [Evidence]? {
        var evidence: [Evidence] = []
        for field in fields {
            if claims != nil { analysis.classifyClaims(in: field) }
            guard let sentences = analysis.sentences[field] else { continue }
            for index in sentences.indices {
                if let match = firstMatch(in: sentences[index], negation: negation) {
                    evidence.append(match)
                    if absent { return nil }
                }
            }
        }
        if absent { return [] }
        return evidence.isEmpty ? nil : evidence
    }

    private func firstMatch(in sentence: Sentence, negation: Negation) -> Evidence? {
        if !except.isEmpty, sentence.contains(except) { return nil }
        var cue: Range<Int>?
        if let claims {
            guard let claim = sentence.claim, claims.contains(claim.strength), !(ignoresNegated && claim.negated) else { return nil }
            cue = claim.cue
        }
        if !phrases.isEmpty || !patterns.isEmpty {
            guard let found = lexicalMatch(in: sentence, negation: negation) else { return nil }
            cue = found
        }
        return Evidence(
            field: sentence.field, location: sentence.location, excerpt: sentence.text,
            match: cue.map { sentence.excerpt($0) }, isText: true)
    }

    private func lexicalMatch(in sentence: Sentence, negation: Negation) -> Range<Int>? {
        for range in phrases.matches(in: sentence.tokens, words: sentence.words)
        where !ignoresNegated || !negation.isNegated(tokenAt: range.lowerBound, in: sentence.tokens) {
            return range
        }
        for pattern in patterns {
            for scalarRange in pattern.matches(in: sentence.text) {
                let tokens = sentence.tokens.indices.filter {
                    sentence.tokens[$0].end > scalarRange.lowerBound && sentence.tokens[$0].start < scalarRange.upperBound
                }
                guard let first = tokens.first, let last = tokens.last else { continue }
                if ignoresNegated && negation.isNegated(tokenAt: first, in: sentence.tokens) { continue }
                return first..<(last + 1)
            }
        }
        return nil
    }
}
