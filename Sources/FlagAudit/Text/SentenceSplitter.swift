/// Splits text into sentences, keeping each sentence's scalar range. A period ends a sentence
/// only before white space and an upper-case letter, digit or opening quote, and never after an
/// abbreviation ("et al.", "e.g.", "vs.") or a single initial ("M. E. van der Schaaf").
/// A blank line always ends a sentence, so headings and list lines stay apart.
public struct SentenceSplitter: Sendable {
    public let abbreviations: Set<String>
    /// `WordHash` of each abbreviation, so the check before every full stop makes no string.
    private let abbreviationKeys: HashTable

    public init(abbreviations: Set<String>) {
        self.abbreviations = abbreviations
        var keys = HashTable()
        for abbreviation in abbreviations { keys.insert(WordHash.of(abbreviation), value: 0) }
        self.abbreviationKeys = keys
    }

    /// No sentence is longer than this (scalars): text without full stops (a pasted table, a
    /// 100,000-line field) is cut at spaces, which bounds the work done per sentence.
    public static let maximumLength = 1_000

    /// The sentences of a text block, located in its source file, tokenized, not yet classified.
    public func sentences(of block: TextBlock, field: StudyField) -> [Sentence] {
        // One pass over the scalars (`Array(_:)` counts them first, then copies them).
        var scalars: [Unicode.Scalar] = []
        scalars.reserveCapacity(block.text.utf8.count)
        for scalar in block.text.unicodeScalars { scalars.append(scalar) }
        let utf8 = Array(block.text.utf8)
        // Sentence text is cut from the UTF-8 bytes (appending scalars one by one was a tenth
        // of an audit); outside ASCII a scalar's byte offset has to be looked up.
        var byteOffsets: [Int] = []
        if utf8.count != scalars.count {
            byteOffsets.reserveCapacity(scalars.count + 1)
            var offset = 0
            for scalar in scalars {
                byteOffsets.append(offset)
                offset += UTF8.width(scalar)
            }
            byteOffsets.append(offset)
        }
        return ranges(in: scalars).map { range in
            let bytes = byteOffsets.isEmpty ? range : byteOffsets[range.lowerBound]..<byteOffsets[range.upperBound]
            return Sentence(
                field: field, text: String(decoding: utf8[bytes], as: UTF8.self),
                location: block.location(ofOffset: range.lowerBound), offset: range.lowerBound,
                tokens: Tokenizer.tokens(scalars[range]))
        }
    }

    public func ranges(in scalars: [Unicode.Scalar]) -> [Range<Int>] {
        var bounded: [Range<Int>] = []
        for range in naturalRanges(in: scalars) {
            var start = range.lowerBound
            while range.upperBound - start > SentenceSplitter.maximumLength {
                var cut = start + SentenceSplitter.maximumLength
                while cut > start + SentenceSplitter.maximumLength / 2 && !SentenceSplitter.isWhitespace(scalars[cut]) { cut -= 1 }
                bounded.append(start..<cut)
                start = cut
                while start < range.upperBound && SentenceSplitter.isWhitespace(scalars[start]) { start += 1 }
            }
            if start < range.upperBound { bounded.append(start..<range.upperBound) }
        }
        return bounded
    }

    private func naturalRanges(in scalars: [Unicode.Scalar]) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        var start = 0
        var i = 0
        let n = scalars.count
        func emit(_ end: Int) {
            var s = start, e = end
            while s < e && SentenceSplitter.isWhitespace(scalars[s]) { s += 1 }
            while e > s && SentenceSplitter.isWhitespace(scalars[e - 1]) { e -= 1 }
            if s < e { ranges.append(s..<e) }
            start = end
        }
        while i < n {
            let c = scalars[i]
            if c == "\n" {
                var j = i + 1
                while j < n && (scalars[j] == " " || scalars[j] == "\t" || scalars[j] == "\r") { j += 1 }
                if j < n && scalars[j] == "\n" { emit(i); i = j; continue }
                if j < n && (scalars[j] == "-" || scalars[j] == "•" || scalars[j] == "*") { emit(i); i = j; continue }
            }
            if c == "." || c == "!" || c == "?" {
                var j = i + 1
                while j < n && (scalars[j] == "\"" || scalars[j] == "'" || scalars[j] == ")" || scalars[j] == "\u{201D}") { j += 1 }
                guard j >= n || SentenceSplitter.isWhitespace(scalars[j]) else { i += 1; continue }
                var k = j
                while k < n && SentenceSplitter.isWhitespace(scalars[k]) { k += 1 }
                let next = k < n ? scalars[k] : nil
                let startsSentence = next.map { SentenceSplitter.startsSentence($0) } ?? true
                if startsSentence && (c != "." || !endsWithAbbreviation(scalars, before: i)) {
                    emit(j)
                    i = k
                    continue
                }
            }
            i += 1
        }
        emit(n)
        return ranges
    }

    private func endsWithAbbreviation(_ scalars: [Unicode.Scalar], before period: Int) -> Bool {
        var s = period
        while s > 0 && (Tokenizer.isLetter(scalars[s - 1]) || scalars[s - 1] == ".") { s -= 1 }
        guard s < period else { return false }
        guard scalars[s..<period].allSatisfy({ $0.value < 0x80 }) else {
            // Outside ASCII, lower-case as strings do.
            let word = String(String.UnicodeScalarView(scalars[s..<period])).lowercased()
            if word.unicodeScalars.count == 1 && scalars[s].properties.isUppercase { return true }
            return abbreviations.contains(word) || abbreviations.contains(word.replacingOccurrences(of: ".", with: ""))
        }
        if period - s == 1 && scalars[s].value >= 0x41 && scalars[s].value <= 0x5A { return true }
        // The word as written (lower-cased), and without its inner dots ("e.g" and "eg").
        var whole = WordHash.seed, undotted = WordHash.seed
        for scalar in scalars[s..<period] {
            let lowered = scalar.value >= 0x41 && scalar.value <= 0x5A ? Unicode.Scalar(scalar.value + 0x20)! : scalar
            whole = WordHash.add(lowered, to: whole)
            if lowered != "." { undotted = WordHash.add(lowered, to: undotted) }
        }
        return abbreviationKeys.value(for: WordHash.key(whole)) != nil || abbreviationKeys.value(for: WordHash.key(undotted)) != nil
    }

    @inline(__always) static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x80 ? scalar.value == 0x20 || (scalar.value >= 0x09 && scalar.value <= 0x0D) : scalar.properties.isWhitespace
    }

    /// An upper-case letter, a digit or an opening quote or bracket.
    @inline(__always) static func startsSentence(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if value < 0x80 {
            return (value >= 0x41 && value <= 0x5A) || (value >= 0x30 && value <= 0x39) || scalar == "\"" || scalar == "'" || scalar == "(" || scalar == "["
        }
        return scalar.properties.isUppercase || scalar.properties.numericType != nil || scalar == "\u{201C}"
    }
}
