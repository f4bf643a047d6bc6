/// Splits text into sentences, keeping each sentence's scalar range. A period ends a sentence
/// only before white space and an upper-case letter, digit or opening quote, and never after an
/// abbreviation ("et al.", "e.g.", "vs.") or a single initial ("M. E. van der Schaaf").
/// A blank line always ends a sentence, so headings and list lines stay apart.
public struct SentenceSplitter: Sendable {
    public var abbreviations: Set<String>

    public init(abbreviations: Set<String>) { self.abbreviations = abbreviations }

    /// No sentence is longer than this (scalars): text without full stops (a pasted table, a
    /// 100,000-line field) is cut at spaces, which bounds the work done per sentence.
    public static let maximumLength = 1_000

    /// The sentences of a text block, located in its source file, tokenized, not yet classified.
    public func sentences(of block: TextBlock, field: StudyField) -> [Sentence] {
        let scalars = Array(block.text.unicodeScalars)
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
                while cut > start + SentenceSplitter.maximumLength / 2 && !scalars[cut].properties.isWhitespace { cut -= 1 }
                bounded.append(start..<cut)
                start = cut
                while start < range.upperBound && scalars[start].properties.isWhitespace { start += 1 }
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
            while s < e && scalars[s].properties.isWhitespace { s += 1 }
            while e > s && scalars[e - 1].properties.isWhitespace { e -= 1 }
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
                guard j >= n || scalars[j].properties.isWhitespace else { i += 1; continue }
                var k = j
                while k < n && scalars[k].properties.isWhitespace { k += 1 }
                let next = k < n ? scalars[k] : nil
                let startsSentence = next.map { $0.properties.isUppercase || $0.properties.numericType != nil || "\"'(\u{201C}[".unicodeScalars.contains($0) } ?? true
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
        while s > 0 && (scalars[s - 1].properties.isAlphabetic || scalars[s - 1] == ".") { s -= 1 }
        let word = String(String.UnicodeScalarView(scalars[s..<period])).lowercased()
        if word.isEmpty { return false }
        if word.unicodeScalars.count == 1 && scalars[s].properties.isUppercase { return true }
        return abbreviations.contains(word) || abbreviations.contains(word.replacingOccurrences(of: ".", with: ""))
    }
}
