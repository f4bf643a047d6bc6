import FlagAuditModel
import FlagAuditText

/// The parts of a raw text and the scope of each of its sentences: which section it is in
/// (`DocumentSection`), whether it is a publisher's furniture, and whether it speaks of this
/// study or of others. Built from the analysis's sentences in text order; headings are found on
/// lines of their own (numbered or not: "2.1 Study design") and at a sentence's start, before
/// a colon or in capitals ("METHODS: ...", "RESULTS We ...").
struct DocumentStructure {
    struct Placed {
        var sentence: Sentence
        var section: DocumentSection
        var isFurniture: Bool
        /// Speaks of this study: not furniture, not about other studies, not a call for research.
        var isOwn: Bool
    }

    /// The title's sentences first, then the text's, in order.
    let sentences: [Placed]
    /// The distinct sections opened by headings (the title and an unheaded opening not counted).
    let headedSections: Set<DocumentSection>

    init(raw: RawText, title: [Sentence], text: [Sentence], lexicon: StructureLexicon) {
        var headingLines: [(line: Int, section: DocumentSection)] = []
        for index in raw.lines.indices {
            if let section = DocumentStructure.lineHeading(raw.lines[index], lexicon: lexicon) {
                headingLines.append((index + 1, section))
            }
        }
        var placed: [Placed] = title.map { Placed(sentence: $0, section: .title, isFurniture: false, isOwn: true) }
        var headed: Set<DocumentSection> = []
        var current = DocumentSection.abstract
        var nextHeading = 0
        for sentence in text {
            let first = sentence.location.line
            let last = first + sentence.text.reduce(0) { $1 == "\n" ? $0 + 1 : $0 }
            // Headings on the lines before and within the sentence open their sections in turn.
            while nextHeading < headingLines.count, headingLines[nextHeading].line <= last {
                current = headingLines[nextHeading].section
                headed.insert(current)
                nextHeading += 1
            }
            if let inline = DocumentStructure.inlineHeading(sentence.text, lexicon: lexicon) {
                current = inline
                headed.insert(inline)
            }
            let furniture = DocumentStructure.isFurniture(sentence.text, lexicon: lexicon)
                || (raw.lines.indices.contains(first - 1) && DocumentStructure.isFurniture(raw.lines[first - 1], lexicon: lexicon))
            let own = !furniture && current.tier != nil && DocumentStructure.speaksOfThisStudy(sentence, lexicon: lexicon)
            placed.append(Placed(sentence: sentence, section: current, isFurniture: furniture, isOwn: own))
        }
        self.sentences = placed
        self.headedSections = headed
    }

    /// This study's sentences of one tier (`DocumentSection.tier`), in text order.
    func own(tier: Int) -> [Sentence] {
        sentences.filter { $0.isOwn && $0.section.tier == tier }.map(\.sentence)
    }

    /// A paper's or a structured abstract's shape: two or more kinds of section under headings.
    var isScholarly: Bool { headedSections.subtracting([.backMatter]).count >= 2 }

    /// A line that is a heading and nothing else: short, optionally numbered, optionally ending
    /// in a colon or period.
    static func lineHeading(_ line: String, lexicon: StructureLexicon) -> DocumentSection? {
        let trimmed = line.trimmedWhitespace
        guard !trimmed.isEmpty, trimmed.unicodeScalars.count <= 80 else { return nil }
        var words = StructureLexicon.headingKey(Substring(trimmed)).split(separator: " ")
        while let first = words.first, first.allSatisfy({ $0.isNumber }) || romanNumerals.contains(String(first)) { words.removeFirst() }
        guard !words.isEmpty, words.count <= lexicon.longestHeading else { return nil }
        return lexicon.headings[words.joined(separator: " ")]
    }

    /// A heading at a sentence's start: its words before a colon, or a run of capitalised
    /// words ("METHODS AND RESULTS") that is a heading.
    static func inlineHeading(_ text: String, lexicon: StructureLexicon) -> DocumentSection? {
        let head = text.prefix(80)
        if let colon = head.firstIndex(of: ":"), let section = lexicon.headings[StructureLexicon.headingKey(head[..<colon])] {
            return section
        }
        var capitals: [Substring] = []
        for word in head.split(whereSeparator: { $0 == " " || $0 == "\n" }) {
            let letters = word.filter(\.isLetter)
            guard letters.count > 1, letters.allSatisfy(\.isUppercase) else { break }
            capitals.append(word)
        }
        // Longest run first: "METHODS AND RESULTS" before "METHODS".
        while !capitals.isEmpty {
            if let section = lexicon.headings[StructureLexicon.headingKey(Substring(capitals.joined(separator: " ")))] { return section }
            capitals.removeLast()
        }
        return nil
    }

    static func isFurniture(_ text: String, lexicon: StructureLexicon) -> Bool {
        let start = text.trimmedWhitespace.prefix(60).lowercased()
        return lexicon.furniture.contains { start.hasPrefix($0) }
    }

    /// Whether a sentence's cues are this study's: not a call for research, and not about other
    /// studies unless it also names this one.
    static func speaksOfThisStudy(_ sentence: Sentence, lexicon: StructureLexicon) -> Bool {
        if sentence.contains(lexicon.callsForResearch) { return false }
        return !sentence.contains(lexicon.otherStudies) || sentence.contains(lexicon.thisStudy)
    }

    private static let romanNumerals: Set<String> = ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x"]
}
