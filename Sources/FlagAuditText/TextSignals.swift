import FlagAuditModel

/// What the text of a study says about its design: signal values (randomised or not, blinded,
/// kind of control, exploratory, review type, reported second-hand), the case definitions and
/// populations it names, and the number of participants. Each comes with the sentence that says so.
public struct TextSignals: Sendable {
    public struct Reading: Sendable {
        public var value: String
        public var evidence: Evidence

        public init(value: String, evidence: Evidence) {
            self.value = value
            self.evidence = evidence
        }
    }

    /// Signal name → reading; a signal with no cue in the text is absent (reads `unknown`).
    public var values: [String: Reading] = [:]
    /// Terms named in the text, in order of first mention, each once.
    public var terms: [TermCategory: [Reading]] = [:]
    public var sampleSize: (value: Int, evidence: Evidence)?

    public static let unknown = "unknown"

    public init() {}

    /// The reading of one signal: the strongest-ranked value whose cue is not negated, in any sentence.
    /// Sentences come field by field and are read in place: no sentence is copied.
    public static func reading(_ signal: SignalLexicon, in fields: [[Sentence]], negation: Negation) -> Reading? {
        var best: (rank: Int, reading: Reading)?
        // Reused from sentence to sentence: most sentences match nothing and allocate nothing.
        var matches: [(rank: Int, range: Range<Int>)] = []
        var taken: [Range<Int>] = []
        for field in fields.indices {
            for index in fields[field].indices {
                matches.removeAll(keepingCapacity: true)
                let words = fields[field][index].words
                for rank in signal.values.indices where signal.values[rank].phrases.mayMatch(words) {
                    for range in signal.values[rank].phrases.matches(in: fields[field][index].tokens) { matches.append((rank, range)) }
                }
                if matches.isEmpty { continue }
                let sentence = fields[field][index]
                taken.removeAll(keepingCapacity: true)
                let scopes = negation.scopes(of: sentence.tokens)
                // Longer phrases first, so "non-randomized" is not also read as "randomized".
                matches.sort { ($0.range.count, -$0.range.lowerBound) > ($1.range.count, -$1.range.lowerBound) }
                for match in matches {
                    if taken.contains(where: { $0.overlaps(match.range) }) { continue }
                    taken.append(match.range)
                    if negation.isNegated(tokenAt: match.range.lowerBound, in: sentence.tokens, scopes: scopes) { continue }
                    if best == nil || match.rank < best!.rank {
                        best = (match.rank, Reading(
                            value: signal.values[match.rank].value, evidence: TextSignals.evidence(sentence, match.range)))
                    }
                }
            }
        }
        return best?.reading
    }

    /// The sample size read from the first of `fields` (most specific first) that yields one.
    public static func sampleSize(
        in sentences: FieldMap<[Sentence]>, fields: [StudyField], extractor: SampleSizeExtractor
    ) -> (value: Int, evidence: Evidence)? {
        for field in fields {
            guard let fieldSentences = sentences[field], !fieldSentences.isEmpty,
                let found = extractor.extract(from: fieldSentences),
                let sentence = fieldSentences.first(where: { $0.text == found.sentence }) ?? fieldSentences.first
            else { continue }
            return (found.value, Evidence(
                field: field, location: sentence.location, excerpt: found.sentence, match: String(found.value), isText: true))
        }
        return nil
    }

    /// The terms of `category` the sentences name, in order of first mention, each once.
    /// Each sentence comes with the tokens to search (all of them, or a prefix).
    public static func terms(_ category: TermCategory, in sentences: [(Sentence, [Token])], lexicon: Lexicon) -> [Reading] {
        var found: [(offset: Int, reading: Reading)] = []
        for (order, (sentence, tokens)) in sentences.enumerated() {
            for entry in lexicon.terms.terms[category] ?? [] where !found.contains(where: { $0.reading.value == entry.slug }) {
                if let range = entry.phrases.firstMatch(in: tokens, words: sentence.words) {
                    found.append((order * 10_000 + range.lowerBound, Reading(value: entry.slug, evidence: evidence(sentence, range))))
                }
            }
        }
        return found.sorted { $0.offset < $1.offset }.map(\.reading)
    }

    /// The evidence of a match: the sentence, located, and the words matched.
    public static func evidence(_ sentence: Sentence, _ range: Range<Int>) -> Evidence {
        Evidence(field: sentence.field, location: sentence.location, excerpt: sentence.text, match: sentence.excerpt(range), isText: true)
    }

    public func value(_ signal: String) -> String { values[signal]?.value ?? TextSignals.unknown }
}
