/// What the text of a study says about its design: signal values (randomised or not, blinded,
/// kind of control, exploratory, review type, reported second-hand), the case definitions and
/// populations it names, and the number of participants. Each comes with the sentence that says so.
public struct TextSignals: Sendable {
    public struct Reading: Sendable {
        public var value: String
        public var evidence: Evidence
    }

    /// Signal name → reading; a signal with no cue in the text is absent (reads `unknown`).
    public var values: [String: Reading] = [:]
    /// Terms named in the text, in order of first mention, each once.
    public var terms: [TermCategory: [Reading]] = [:]
    public var sampleSize: (value: Int, evidence: Evidence)?

    public static let unknown = "unknown"

    public init() {}

    public init(sentences: [Sentence], lexicon: Lexicon, negation: Negation, sampleSizeFields: [StudyField] = []) {
        for signal in lexicon.signals {
            var best: (rank: Int, reading: Reading)?
            for sentence in sentences {
                var taken: [Range<Int>] = []
                // Longer phrases first, so "non-randomized" is not also read as "randomized".
                let matches = signal.values.enumerated().flatMap { rank, value in
                    value.phrases.matches(in: sentence.tokens).map { (rank: rank, range: $0) }
                }.sorted { ($0.range.count, -$0.range.lowerBound) > ($1.range.count, -$1.range.lowerBound) }
                for match in matches {
                    if taken.contains(where: { $0.overlaps(match.range) }) { continue }
                    taken.append(match.range)
                    if negation.isNegated(tokenAt: match.range.lowerBound, in: sentence.tokens) { continue }
                    if best == nil || match.rank < best!.rank {
                        best = (match.rank, Reading(
                            value: signal.values[match.rank].value,
                            evidence: TextSignals.evidence(sentence, match.range)))
                    }
                }
            }
            if let best { values[signal.name] = best.reading }
        }
        for category in lexicon.terms.terms.keys {
            let found = TextSignals.terms(category, in: sentences.map { ($0, $0.tokens) }, lexicon: lexicon)
            if !found.isEmpty { terms[category] = found }
        }
        // The sample size is read from the most specific field that yields one.
        let extractor = SampleSizeExtractor(lexicon: lexicon)
        for field in sampleSizeFields {
            let fieldSentences = sentences.filter { $0.field == field }
            if !fieldSentences.isEmpty, let found = extractor.extract(from: fieldSentences),
                let sentence = fieldSentences.first(where: { $0.text == found.sentence }) ?? fieldSentences.first {
                sampleSize = (found.value, Evidence(field: field, location: sentence.location, excerpt: found.sentence, match: String(found.value), isText: true))
                break
            }
        }
    }

    /// The terms of `category` the sentences name, in order of first mention, each once.
    /// Each sentence comes with the tokens to search (all of them, or a prefix).
    public static func terms(_ category: TermCategory, in sentences: [(Sentence, [Token])], lexicon: Lexicon) -> [Reading] {
        var found: [(offset: Int, reading: Reading)] = []
        for (order, (sentence, tokens)) in sentences.enumerated() {
            for entry in lexicon.terms.terms[category] ?? [] where !found.contains(where: { $0.reading.value == entry.slug }) {
                if let range = entry.phrases.firstMatch(in: tokens) {
                    found.append((order * 10_000 + range.lowerBound, Reading(value: entry.slug, evidence: evidence(sentence, range))))
                }
            }
        }
        return found.sorted { $0.offset < $1.offset }.map(\.reading)
    }

    static func evidence(_ sentence: Sentence, _ range: Range<Int>) -> Evidence {
        Evidence(field: sentence.field, location: sentence.location, excerpt: sentence.text, match: sentence.excerpt(range), isText: true)
    }

    public func value(_ signal: String) -> String { values[signal]?.value ?? TextSignals.unknown }
}
