import FlagAuditModel

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
        var text = block.text
        return text.withUTF8 { utf8 in
            // ASCII text (most is) is split and tokenized on its bytes, which are its scalars:
            // no array of scalars, no table of byte offsets.
            if TextUnits.isASCII(utf8) {
                return ranges(in: utf8).map { range in
                    let bytes = UnsafeBufferPointer(rebasing: utf8[range])
                    return Sentence(
                        field: field, text: String(decoding: bytes, as: UTF8.self),
                        location: block.location(ofOffset: range.lowerBound), offset: range.lowerBound,
                        tokens: Tokenizer.tokens(bytes))
                }
            }
            // One pass over the scalars (`Array(_:)` counts them first, then copies them).
            var scalars: [Unicode.Scalar] = []
            scalars.reserveCapacity(utf8.count)
            for scalar in block.text.unicodeScalars { scalars.append(scalar) }
            // Sentence text is cut from the UTF-8 bytes, one copy a sentence, never built scalar by
            // scalar; so a scalar's byte offset has to be looked up.
            var byteOffsets: [Int] = []
            byteOffsets.reserveCapacity(scalars.count + 1)
            var offset = 0
            for scalar in scalars {
                byteOffsets.append(offset)
                offset += UTF8.width(scalar)
            }
            byteOffsets.append(offset)
            return scalars.withUnsafeBufferPointer { scalars in
                ranges(in: scalars).map { range in
                    Sentence(
                        field: field,
                        text: String(decoding: UnsafeBufferPointer(rebasing: utf8[byteOffsets[range.lowerBound]..<byteOffsets[range.upperBound]]), as: UTF8.self),
                        location: block.location(ofOffset: range.lowerBound), offset: range.lowerBound,
                        tokens: Tokenizer.tokens(UnsafeBufferPointer(rebasing: scalars[range])))
                }
            }
        }
    }

    public func ranges(in scalars: [Unicode.Scalar]) -> [Range<Int>] {
        scalars.withUnsafeBufferPointer { ranges(in: $0) }
    }

    /// Sentence ranges in a text's scalars, or in its bytes when they are all ASCII.
    func ranges<Unit: TextUnit>(in scalars: UnsafeBufferPointer<Unit>) -> [Range<Int>] {
        let natural = naturalRanges(in: scalars)
        // Most texts have no over-long sentence: their ranges are kept as they are.
        guard natural.contains(where: { $0.count > SentenceSplitter.maximumLength }) else { return natural }
        var bounded: [Range<Int>] = []
        for range in natural {
            var start = range.lowerBound
            while range.upperBound - start > SentenceSplitter.maximumLength {
                var cut = start + SentenceSplitter.maximumLength
                while cut > start + SentenceSplitter.maximumLength / 2 && !Whitespace.isProse(scalars[cut].scalar) { cut -= 1 }
                bounded.append(start..<cut)
                start = cut
                while start < range.upperBound && Whitespace.isProse(scalars[start].scalar) { start += 1 }
            }
            if start < range.upperBound { bounded.append(start..<range.upperBound) }
        }
        return bounded
    }

    private func naturalRanges<Unit: TextUnit>(in units: UnsafeBufferPointer<Unit>) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        var start = 0
        var i = 0
        let n = units.count
        func emit(_ end: Int) {
            var s = start, e = end
            while s < e && Whitespace.isProse(units[s].scalar) { s += 1 }
            while e > s && Whitespace.isProse(units[e - 1].scalar) { e -= 1 }
            if s < e { ranges.append(s..<e) }
            start = end
        }
        while i < n {
            let c = units[i].scalar
            if c == "\n" {
                var j = i + 1
                while j < n && (units[j].scalar == " " || units[j].scalar == "\t" || units[j].scalar == "\r") { j += 1 }
                if j < n && units[j].scalar == "\n" { emit(i); i = j; continue }
                if j < n && (units[j].scalar == "-" || units[j].scalar == "•" || units[j].scalar == "*") { emit(i); i = j; continue }
            }
            if c == "." || c == "!" || c == "?" {
                var j = i + 1
                while j < n && (units[j].scalar == "\"" || units[j].scalar == "'" || units[j].scalar == ")" || units[j].scalar == "\u{201D}") { j += 1 }
                guard j >= n || Whitespace.isProse(units[j].scalar) else { i += 1; continue }
                var k = j
                while k < n && Whitespace.isProse(units[k].scalar) { k += 1 }
                let next = k < n ? units[k].scalar : nil
                let startsSentence = next.map { SentenceSplitter.startsSentence($0) } ?? true
                if startsSentence && (c != "." || !endsWithAbbreviation(units, before: i)) {
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

    private func endsWithAbbreviation<Unit: TextUnit>(_ units: UnsafeBufferPointer<Unit>, before period: Int) -> Bool {
        var s = period
        while s > 0 && (Tokenizer.isLetter(units[s - 1].scalar) || units[s - 1].scalar == ".") { s -= 1 }
        guard s < period else { return false }
        guard units[s..<period].allSatisfy({ $0.scalar.value < 0x80 }) else {
            // Outside ASCII, lower-case as strings do.
            var view = String.UnicodeScalarView()
            for unit in units[s..<period] { view.append(unit.scalar) }
            let word = String(view).lowercased()
            if word.unicodeScalars.count == 1 && units[s].scalar.properties.isUppercase { return true }
            return abbreviations.contains(word) || abbreviations.contains(word.replacingOccurrences(of: ".", with: ""))
        }
        if period - s == 1 && units[s].scalar.value >= 0x41 && units[s].scalar.value <= 0x5A { return true }
        // The word as written (lower-cased), and without its inner dots ("e.g" and "eg").
        var whole = WordHash.seed, undotted = WordHash.seed
        for unit in units[s..<period] {
            let scalar = unit.scalar
            let lowered = scalar.value >= 0x41 && scalar.value <= 0x5A ? Unicode.Scalar(scalar.value + 0x20)! : scalar
            whole = WordHash.add(lowered, to: whole)
            if lowered != "." { undotted = WordHash.add(lowered, to: undotted) }
        }
        return abbreviationKeys.value(for: WordHash.key(whole)) != nil || abbreviationKeys.value(for: WordHash.key(undotted)) != nil
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
