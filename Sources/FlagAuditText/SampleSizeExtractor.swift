import FlagAuditModel

/// Finds how many participants a text reports: every number (digits, "1,234", or words such as
/// "Three hundred sixty-five") is a candidate, scored by what surrounds it: a people noun after
/// it, enrolment wording, "a total of" before it; numbers of studies, records, units of time,
/// percentages, population estimates and subsets ("of whom 12") are set aside. Where only the
/// arms are given ("(n = 101) ... (n = 100)" in a randomisation sentence) they are summed.
/// Below a minimum score it abstains: no answer is better than a wrong one.
public struct SampleSizeExtractor: Sendable {
    public struct Candidate: Sendable, Equatable {
        public var value: Int
        public var score: Int
        /// Scalar offset of the number in the text.
        public var offset: Int
        public var sentence: String
        public var reasons: [String]
    }

    static let allocatedArms = "sum of arms allocated"

    public var lexicon: SampleSizeLexicon { didSet { numberWordKeys = SampleSizeExtractor.keys(of: lexicon) } }
    public var splitter: SentenceSplitter
    public var minimumScore = 4
    /// The number words by word hash, to pass over sentences that hold no number without
    /// looking their words up as strings.
    private var numberWordKeys: HashTable

    public init(lexicon: Lexicon) {
        self.lexicon = lexicon.sampleSize
        self.splitter = SentenceSplitter(abbreviations: lexicon.abbreviations)
        self.numberWordKeys = SampleSizeExtractor.keys(of: lexicon.sampleSize)
    }

    private static func keys(of lexicon: SampleSizeLexicon) -> HashTable {
        var keys = HashTable()
        for word in lexicon.numberWords.keys {
            for token in Tokenizer.tokens(word) { keys.insert(WordHash.key(token.hash), value: 0) }
        }
        return keys
    }

    /// Whether a number may start at some token: digits, or a number word. (A superset of
    /// `number(at:)`, which is what decides.)
    func mayHoldNumber(_ tokens: [Token]) -> Bool {
        tokens.contains { token in
            guard let first = token.text.utf8.first else { return false }
            if numberWordKeys.value(for: WordHash.key(token.hash)) != nil { return true }
            return first < 0x80 ? first >= 0x30 && first <= 0x39 : token.text.first?.isNumber == true
        }
    }

    /// The best candidate, or nil: none scores enough, or the text is a review, whose counts
    /// of people belong to the studies it includes.
    public func extract(_ text: String) -> Candidate? {
        if isReview(text) { return nil }
        return best(among: candidates(in: text))
    }

    public func isReview(_ text: String) -> Bool {
        lexicon.reviewMarkers.firstMatch(in: Tokenizer.tokens(text)) != nil
    }

    public func best(among candidates: [Candidate]) -> Candidate? {
        candidates.filter { $0.score >= minimumScore }
            .max { ($0.score, $0.value, -$0.offset) < ($1.score, $1.value, -$1.offset) }
    }

    /// One sentence to read: its scalars, its range in them, and its tokens.
    struct Unit {
        var scalars: [Unicode.Scalar]
        var range: Range<Int>
        var tokens: [Token]
        /// The sentence's text when already at hand (an entry's sentence is all of its scalars).
        var text: String? = nil
    }

    public func candidates(in text: String) -> [Candidate] {
        let scalars = Array(text.unicodeScalars)
        return candidates(splitter.ranges(in: scalars).map { Unit(scalars: scalars, range: $0, tokens: Tokenizer.tokens(scalars[$0])) })
    }

    /// Reads sentences already split and tokenized (an entry's analysis); offsets are per sentence.
    public func candidates(in sentences: [Sentence]) -> [Candidate] {
        // A sentence without a number gives no candidate: its scalars are never needed.
        candidates(sentences.filter { mayHoldNumber($0.tokens) }.map { sentence in
            let scalars = Array(sentence.text.unicodeScalars)
            return Unit(scalars: scalars, range: 0..<scalars.count, tokens: sentence.tokens, text: sentence.text)
        })
    }

    /// The best candidate among sentences, or nil (see `extract`).
    public func extract(from sentences: [Sentence]) -> Candidate? {
        if sentences.contains(where: { lexicon.reviewMarkers.firstMatch(in: $0.tokens) != nil }) { return nil }
        return best(among: candidates(in: sentences))
    }

    func candidates(_ units: [Unit]) -> [Candidate] {
        var found: [Candidate] = []
        for unit in units {
            let scalars = unit.scalars, range = unit.range, tokens = unit.tokens
            // Made only for a sentence that yields a candidate; most yield none.
            lazy var sentence = unit.text ?? String(String.UnicodeScalarView(scalars[range]))
            var sentenceCandidates: [Candidate] = []
            var groupSizes: [Int] = []
            var armCounts: [Int] = []
            var index = 0
            while index < tokens.count {
                guard let (value, end) = number(at: index, tokens: tokens, scalars: scalars, base: range.lowerBound) else {
                    index += 1
                    continue
                }
                defer { index = end }
                let gapBefore = index > 0 ? gap(tokens[index - 1], tokens[index], scalars, range.lowerBound) : ""
                let after = end < tokens.count ? gap(tokens[end - 1], tokens[end], scalars, range.lowerBound) : ""
                if after.hasPrefix("%") || after.hasPrefix(".") && end < tokens.count && tokens[end].text.first?.isNumber == true { continue }
                if end < tokens.count && (lexicon.multipliers.contains(tokens[end].text) || lexicon.notPeople.contains(tokens[end].text)) { continue }
                if gapBefore.contains("±") || gapBefore.contains("+/-") || gapBefore.hasSuffix("-") && index > 0 && tokens[index - 1].text.first?.isNumber == true { continue }
                // Ranges: "between 10 and 25", "10 to 25", "10-25".
                if index > 0 && tokens[index - 1].text == "between" { continue }
                if index > 1 && (tokens[index - 1].text == "to" || tokens[index - 1].text == "and")
                    && tokens[index - 2].text.first?.isNumber == true || index > 2 && tokens[index - 3].text == "between" { continue }
                if end + 1 < tokens.count && (tokens[end].text == "to" || tokens[end].text == "and") && tokens[end + 1].text.first?.isNumber == true
                    && index > 0 && tokens[index - 1].text == "between" { continue }
                var score = 0
                var reasons: [String] = []
                let isGroupSize = index > 0 && tokens[index - 1].text == "n" && gapBefore.contains("=")
                // "21 (patients) to MAIR and 20 to relaxation": a count allocated to an arm.
                let nextWords = tokens[end..<min(tokens.count, end + 3)].map(\.text)
                let toArm = nextWords.first == "to" || nextWords.first == "into"
                    || (nextWords.count > 1 && lexicon.people.contains(nextWords[0]) && (nextWords[1] == "to" || nextWords[1] == "into"))
                if toArm && !isGroupSize { armCounts.append(value) }
                if isGroupSize {
                    score += 2
                    reasons.append("n =")
                    groupSizes.append(value)
                }
                let enrolment = lexicon.enrolment.matches(in: tokens)
                if let noun = peopleNoun(after: end, tokens: tokens, scalars: scalars, base: range.lowerBound) {
                    score += 3
                    reasons.append("people noun '\(noun)'")
                } else if let verb = enrolment.first(where: { match in
                    match.lowerBound == end || match.lowerBound == end + 1 && tokens[end].text == "were"
                        // "81 schizophrenics were randomly divided": a plural the lexicon does not
                        // know, which the enrolment verb makes people.
                        || match.lowerBound == end + 2 && tokens[end + 1].text == "were" && tokens[end].text.hasSuffix("s")
                            && !tokens[end].followsPunctuation && tokens[end].text.first?.isLetter == true
                }) {
                    // "300 were enrolled": the noun is understood.
                    score += 3
                    reasons.append("count followed by '\(verb.map { tokens[$0].text }.joined(separator: " "))'")
                } else if !isGroupSize {
                    continue
                }
                if let total = lexicon.totals.matches(in: tokens).first(where: { $0.upperBound <= index && index - $0.upperBound <= 1 }) {
                    score += 2
                    reasons.append("total '\(total.map { tokens[$0].text }.joined(separator: " "))'")
                }
                let window = max(0, index - 6)..<min(tokens.count, end + 6)
                if enrolment.contains(where: { window.contains($0.lowerBound) }) {
                    score += 2
                    reasons.append("enrolment wording")
                } else if enrolment.contains(where: { $0.lowerBound >= end }) {
                    score += 1
                    reasons.append("enrolment wording later in the sentence")
                }
                if tokens[end..<min(tokens.count, end + 5)].contains(where: { lexicon.perGroup.contains($0.text) }) {
                    score -= 3
                    reasons.append("per group")
                }
                // Screening wording anywhere in the count's clause: "1212 individuals ... were screened".
                var clauseEnd = end + 1
                while clauseEnd < tokens.count
                    && !(tokens[clauseEnd].followsPunctuation && gap(tokens[clauseEnd - 1], tokens[clauseEnd], scalars, range.lowerBound) != "-") {
                    clauseEnd += 1
                }
                var clauseStart = index
                while clauseStart > 0 && !tokens[clauseStart].followsPunctuation { clauseStart -= 1 }
                let clause = clauseStart..<clauseEnd
                if lexicon.screening.matches(in: tokens).contains(where: { clause.contains($0.lowerBound) }) {
                    score -= 3
                    reasons.append("screening wording")
                }
                if lexicon.subsets.matches(in: tokens).contains(where: { $0.upperBound == index || $0.upperBound == index - 1 && !isGroupSize }) {
                    score -= 3
                    reasons.append("subset")
                }
                sentenceCandidates.append(Candidate(
                    value: value, score: score, offset: range.lowerBound + tokens[index].start, sentence: sentence, reasons: reasons))
            }
            // Arms only: a randomisation sentence giving group sizes and no total.
            let randomised = tokens.contains { $0.text.hasPrefix("randomi") || $0.text == "assigned" || $0.text == "allocated" }
            // Not with per-group sizes or more groups than sizes given ("four groups (n = 12)").
            let perGroup = tokens.contains { lexicon.perGroup.contains($0.text) }
            let manyGroups = tokens.indices.contains { i in
                i + 1 < tokens.count && (tokens[i + 1].text == "groups" || tokens[i + 1].text == "arms")
                    && (lexicon.numberWords[tokens[i].text] ?? Int(tokens[i].text) ?? 0) > groupSizes.count
            }
            if randomised && !perGroup && armCounts.count >= 2 {
                // Scored after the first-count bonus below: it must outrank its own first arm.
                sentenceCandidates.append(Candidate(
                    value: armCounts.reduce(0, +), score: 0, offset: range.lowerBound, sentence: sentence,
                    reasons: [SampleSizeExtractor.allocatedArms]))
            }
            if randomised && !perGroup && !manyGroups && groupSizes.count >= 2 && !sentenceCandidates.contains(where: { $0.reasons.contains { $0.hasPrefix("total") } }) {
                sentenceCandidates.append(Candidate(
                    value: groupSizes.reduce(0, +), score: minimumScore, offset: range.lowerBound, sentence: sentence,
                    reasons: ["sum of \(groupSizes.count) arms"]))
            }
            found += sentenceCandidates
        }
        // Abstracts name the whole sample before its parts: the first count of people gains.
        if let first = found.firstIndex(where: { $0.reasons.contains { $0.hasPrefix("people noun") } && $0.score >= 3 }) {
            found[first].score += 2
            found[first].reasons.append("first count of people")
        }
        for index in found.indices where found[index].reasons == [SampleSizeExtractor.allocatedArms] {
            let arms = found.filter { $0.sentence == found[index].sentence && $0.reasons != [SampleSizeExtractor.allocatedArms] }
            found[index].score = max(minimumScore, (arms.map(\.score).max() ?? 0) + 1)
        }
        return found
    }

    /// The characters between two tokens.
    private func gap(_ a: Token, _ b: Token, _ scalars: [Unicode.Scalar], _ base: Int) -> String {
        String(String.UnicodeScalarView(scalars[(base + a.end)..<(base + b.start)])).trimmedWhitespace
    }

    /// A number starting at token `index`, and the index after it.
    private func number(at index: Int, tokens: [Token], scalars: [Unicode.Scalar], base: Int) -> (Int, Int)? {
        let first = tokens[index].text
        if first.allSatisfy(\.isNumber) {
            var digits = first
            var end = index + 1
            // "1,234": a comma followed by exactly three digits continues the number; so does a
            // space ("13 339", a thin or no-break space in typeset text) after a group of at
            // most three digits, as SI writes thousands.
            while end < tokens.count, tokens[end].text.count == 3, tokens[end].text.allSatisfy(\.isNumber),
                tokens[end].start == tokens[end - 1].end + 1,
                SampleSizeExtractor.groupsDigits(scalars[base + tokens[end - 1].end], after: first) {
                digits += tokens[end].text
                end += 1
            }
            guard let value = Int(digits), value >= 2, value <= 10_000_000 else { return nil }
            return (value, end)
        }
        guard lexicon.numberWords[first] != nil else { return nil }
        var total = 0, current = 0, end = index
        while end < tokens.count {
            let word = tokens[end].text
            if word == "and", current >= 100, end + 1 < tokens.count, lexicon.numberWords[tokens[end + 1].text] != nil { end += 1; continue }
            guard let value = lexicon.numberWords[word] else { break }
            if value == 100 { current = max(current, 1) * 100 } else if value == 1000 { total += max(current, 1) * 1000; current = 0 } else { current += value }
            end += 1
        }
        let value = total + current
        return value >= 2 ? (value, end) : nil
    }

    /// Whether `separator` between `first` and three more digits joins them into one number.
    static func groupsDigits(_ separator: Unicode.Scalar, after first: String) -> Bool {
        switch separator {
        case ",": true
        case " ", "\u{A0}", "\u{2009}", "\u{202F}": first.count <= 3
        default: false
        }
    }

    /// A people noun within a few words after the number, before any punctuation or other number.
    private func peopleNoun(after end: Int, tokens: [Token], scalars: [Unicode.Scalar], base: Int) -> String? {
        var index = end
        while index < tokens.count && index < end + 4 {
            let token = tokens[index]
            if index > 0 && token.followsPunctuation && !gap(tokens[index - 1], token, scalars, base).allSatisfy({ $0 == "-" }) { return nil }
            if token.text.first?.isNumber == true || lexicon.notPeople.contains(token.text) { return nil }
            if lexicon.people.contains(token.text) {
                // "20 patient visits", "four Veterans Affairs facilities": the noun only qualifies another.
                let compound = index + 1 < tokens.count && !tokens[index + 1].followsPunctuation
                    && lexicon.notPeople.contains(tokens[index + 1].text)
                return compound ? nil : token.text
            }
            index += 1
        }
        return nil
    }
}
