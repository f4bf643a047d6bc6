import Testing
import FlagAudit
@testable import FlagAuditModel
@testable import FlagAuditLearning
@testable import FlagAuditLoading
@testable import FlagAuditText
@testable import FlagAuditEngine
@testable import FlagAuditEvaluation
@testable import FlagAuditScreening
@testable import FlagAuditReporting
@testable import FlagAuditWorkflow

@Suite("Loading entries")
struct EntryLoadingTests {
    @Test func readsFieldsWithLocations() throws {
        let loaded = Fixtures.load("""
            id: demo-2024
            title: Demo
            design: rct
            population: [me-cfs]
            sample_size: 41
            findings:
              - First finding.
              - Second finding.
            tags:
              method_flags: [small-sample]
            """)
        #expect(loaded.diagnostics.isEmpty)
        let study = try #require(loaded.study)
        #expect(study.id == "demo-2024")
        #expect(study.design == "rct")
        #expect(study.number(.sampleSize)?.value == 41)
        #expect(study.number(.sampleSize)?.location.line == 5)
        #expect(study.texts(.findings)?.map(\.text) == ["First finding.", "Second finding."])
        #expect(study.texts(.findings)?[1].start == SourceLocation(path: "entry.yaml", line: 8, column: 5))
        #expect(study.declaredFlags.map(\.value) == ["small-sample"])
    }

    /// Columns count characters (Unicode scalars), not bytes, in every scalar style.
    @Test func wordsAreLocatedPastNonASCIIText() throws {
        let loaded = Fixtures.load("""
            id: demo-2024
            title: Demo
            design: rct
            findings:
              - "Café – patients’ CBT led to improved connectivity."
            summary: >
              Naïve résumé text.
              Second line – with CBT improved.
            """)
        let study = try #require(loaded.study)
        func location(of word: String, in field: StudyField) throws -> FlagAudit.SourceLocation {
            let block = try #require(study.texts(field)?.first)
            let offset = try #require(block.text.unicodeScalars.firstRange(of: word.unicodeScalars)?.lowerBound)
            return block.location(ofOffset: block.text.unicodeScalars.distance(from: block.text.unicodeScalars.startIndex, to: offset))
        }
        #expect(try location(of: "CBT", in: .findings) == FlagAudit.SourceLocation(path: "entry.yaml", line: 5, column: 23))
        #expect(try location(of: "connectivity", in: .findings) == FlagAudit.SourceLocation(path: "entry.yaml", line: 5, column: 43))
        #expect(try location(of: "CBT", in: .summary) == FlagAudit.SourceLocation(path: "entry.yaml", line: 8, column: 22))
    }

    @Test func wordsAreLocatedPastEscapesAndFolds() throws {
        // Escapes make the source longer than the text; a fold turns a line break into a space.
        let loaded = Fixtures.load(
            "id: demo-2024\ntitle: T\nsummary: \"Say \\\"hi\\\" \\u00e9t\u{e9} now. Second sentence\n  here. Third one.\"\n")
        let block = try #require(loaded.study?.texts(.summary)?.first)
        #expect(block.text == "Say \"hi\" \u{e9}t\u{e9} now. Second sentence here. Third one.")
        func location(of word: String) throws -> [Int] {
            let offset = try #require(block.text.unicodeScalars.firstRange(of: word.unicodeScalars)?.lowerBound)
            let located = block.location(ofOffset: block.text.unicodeScalars.distance(from: block.text.unicodeScalars.startIndex, to: offset))
            return [located.line, located.column]
        }
        #expect(try location(of: "Say") == [3, 11])
        #expect(try location(of: "now") == [3, 31])
        #expect(try location(of: "Second") == [3, 36])
        #expect(try location(of: "here") == [4, 3])
        #expect(try location(of: "Third") == [4, 9])
    }

    /// libyaml breaks lines at CR, NEL, U+2028 and U+2029 as well as LF: a word after such a
    /// break, and every key after it, is on the line libyaml says, in the column counted from
    /// that break (the key's line is libyaml's own mark, the reference).
    @Test(arguments: ["\u{2028}", "\u{2029}", "\u{85}", "\r"])
    func wordsAreLocatedOnTheLinesLibyamlCounts(_ separator: String) throws {
        let source = "id: demo-2024\ntitle: \"A\(separator)title\"\nsummary: \"Before it.\(separator)   After the break, CBT led to it.\"\ndesign: rct\n"
        let loaded = Fixtures.load(source)
        let block = try #require(loaded.study?.texts(.summary)?.first)
        let offset = try #require(block.text.unicodeScalars.firstRange(of: "CBT".unicodeScalars)?.lowerBound)
        let located = block.location(ofOffset: block.text.unicodeScalars.distance(from: block.text.unicodeScalars.startIndex, to: offset))
        let design = try #require(loaded.study?.term(.design)?.location)
        #expect(design.line == 6)
        #expect([located.line, located.column] == [design.line - 1, 21])
    }

    @Test func textAndSourceAreWalkedInStepByWholeScalars() {
        // The eight-bytes-at-a-time walk must stop where a scalar-by-scalar walk stops: at the
        // first scalar that differs or would run past the line, never inside one.
        func reference(_ text: [UInt8], _ i: Int, _ source: [UInt8], _ index: Int, _ end: Int) -> Int {
            var same = 0
            while i + same < text.count && index + same < end {
                let lead = text[i + same]
                let width = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
                guard i + same + width <= text.count, index + same + width <= end,
                    (0..<width).allSatisfy({ text[i + same + $0] == source[index + same + $0] })
                else { break }
                same += width
            }
            return same
        }
        var random = SplitMix64(seed: 7)
        let pieces = ["a", " ", "é", "€", "𝄞", "word ", "\\u00e9", "μg", "\""]
        for _ in 0..<2_000 {
            let text = Array((0..<Int(random.next() % 40)).map { _ in pieces[Int(random.next() % UInt64(pieces.count))] }.joined().utf8)
            var source = text
            if !source.isEmpty && random.next() % 3 != 0 { source[Int(random.next() % UInt64(source.count))] ^= UInt8(1 << (random.next() % 8)) }
            let i = text.isEmpty ? 0 : Int(random.next() % UInt64(text.count))
            let end = Int(random.next() % UInt64(source.count + 1))
            let index = min(i, end)
            // Only from a scalar's start, as the walk is used.
            guard i >= text.count || text[i] & 0xC0 != 0x80 else { continue }
            let walked = text.withUnsafeBufferPointer { text in
                source.withUnsafeBufferPointer { SourceLines.commonScalarPrefix(text, from: i, $0, from: index, end: end) }
            }
            #expect(walked == reference(text, i, source, index, end), "\(text) from \(i), \(source) from \(index) to \(end)")
        }
    }

    @Test func typoedKeySuggestsTheNearestKey() {
        let loaded = Fixtures.load(Fixtures.minimalEntry + "sampel_size: 12\n")
        let diagnostic = loaded.diagnostics.first
        #expect(diagnostic?.check == .schema)
        #expect(diagnostic?.message.contains("unknown key 'sampel_size'") == true)
        #expect(diagnostic?.message.contains("did you mean 'sample_size'?") == true)
        #expect(diagnostic?.location.line == 6)
        #expect(diagnostic?.location.column == 1)
    }

    @Test func wrongTypeIsLocated() {
        let loaded = Fixtures.load(Fixtures.minimalEntry.replacingOccurrences(of: "sample_size: 120", with: "sample_size: forty"))
        #expect(loaded.diagnostics.map(\.description) == ["entry.yaml:5:14: error: sample_size must be a whole number, found a string"])
    }

    @Test func quotedNumberAndFloatAreNotWholeNumbers() {
        for value in ["\"41\"", "41.5", "1e3"] {
            let loaded = Fixtures.load(Fixtures.minimalEntry.replacingOccurrences(of: "120", with: value))
            #expect(loaded.diagnostics.count == 1, "\(value)")
        }
    }

    @Test func yaml11BooleansStayText() throws {
        let loaded = Fixtures.load(Fixtures.minimalEntry + "journal: no\nsummary: on\n")
        let study = try #require(loaded.study)
        #expect(loaded.diagnostics.isEmpty)
        #expect(study.string(.journal)?.value == "no")
        #expect(study.texts(.summary)?.first?.text == "on")
    }

    @Test func tabIndentationIsExplained() {
        let loaded = Fixtures.load("id: tabbed\ntitle: T\ntags:\n\tmethod_flags: [small-sample]\n")
        #expect(loaded.study == nil)
        let diagnostic = loaded.diagnostics.first
        #expect(diagnostic?.check == .yamlSyntax)
        #expect(diagnostic?.message.contains("tab character used for indentation") == true)
        #expect(diagnostic?.location.line == 4)
    }

    @Test func unknownFlagSuggestsNearestTerm() {
        let loaded = Fixtures.load(Fixtures.minimalEntry + "tags:\n  method_flags: [small-sampel]\n")
        #expect(loaded.diagnostics.map(\.check) == [.unknownTerm])
        #expect(loaded.diagnostics.first?.message == "unknown method flag 'small-sampel'; did you mean 'small-sample'?")
        #expect(loaded.diagnostics.first?.location.line == 7)
        #expect(loaded.diagnostics.first?.location.column == 18)
    }

    @Test func messagesQuoteLongOrMultiLineValuesOnOneShortLine() {
        // A paragraph pasted into a controlled field: the message stays one short line.
        let paragraph = String(repeating: "Patients were recruited from clinics. ", count: 200)
        let loaded = Fixtures.load("id: pasted\ntitle: T\ndesign: \"\(paragraph)\"\nunknown_key_\(String(repeating: "x", count: 100)): 1\ndoi: |\n  not a doi\n  second line\n")
        #expect(loaded.diagnostics.count == 3)
        for diagnostic in loaded.diagnostics {
            #expect(!diagnostic.message.contains("\n"), "\(diagnostic.message)")
            #expect(!diagnostic.message.contains(String(paragraph.prefix(80))), "\(diagnostic.message)")
        }
        let design = loaded.diagnostics.first { $0.check == .unknownTerm }
        #expect(design?.message.hasPrefix("unknown design '\(paragraph.prefix(59))…'") == true)
        #expect(design?.excerpt == paragraph)
        #expect(loaded.diagnostics.contains { $0.message.hasPrefix("unknown key 'unknown_key_xxx") && !$0.message.contains(String(repeating: "x", count: 100)) })
        #expect(loaded.diagnostics.contains { $0.message == "doi 'not a doi second line' must start with '10.' and contain '/'" })
    }

    @Test func labelsAndAliasesResolveButAreNonCanonical() throws {
        let loaded = Fixtures.load(Fixtures.minimalEntry + "tags:\n  method_flags: [PEM_DEFINED, Small Sample]\n")
        #expect(loaded.diagnostics.map(\.check) == [.nonCanonicalTerm, .nonCanonicalTerm])
        #expect(loaded.diagnostics.allSatisfy { $0.severity == .warning })
        #expect(try #require(loaded.study).declaredFlags.map(\.value) == ["pem-defined", "small-sample"])
    }

    @Test func missingRequiredKeysAreErrors() {
        let loaded = Fixtures.load("design: rct\n")
        #expect(loaded.diagnostics.map(\.check) == [.missingKey, .missingKey])
        #expect(loaded.diagnostics.allSatisfy { $0.severity == .error })
    }

    @Test func emptyFileIsAnError() {
        for text in ["", "   \n", "# only a comment\n"] {
            let loaded = Fixtures.load(text)
            #expect(loaded.study == nil)
            #expect(loaded.diagnostics.first?.message.hasPrefix("empty file") == true)
        }
    }

    @Test func invalidValuesAreRejected() {
        let loaded = Fixtures.load("id: Bad_ID\ntitle: T\ndoi: 11.1/x\npmid: 12a\nyear: 3024\n")
        #expect(loaded.diagnostics.count == 4)
        #expect(loaded.diagnostics.map(\.location.line) == [1, 3, 4, 5])
    }

    @Test func duplicateKeysAreLocated() {
        let loaded = Fixtures.load("id: a\ntitle: T\nid: b\n")
        #expect(loaded.diagnostics.first?.message.contains("duplicate key 'id'") == true)
    }

    @Test func fieldsAndCategoriesAreDistinctKeys() {
        // They hash and compare by case; every case must stay a key of its own.
        for (index, field) in StudyField.allCases.enumerated() {
            #expect(StudyField(name: field.name) == field)
            #expect(StudyField.allCases.filter { $0 == field }.count == 1, "\(field) equals another field")
            var fields: [StudyField: Int] = [:]
            for (other, value) in zip(StudyField.allCases, StudyField.allCases.indices) { fields[other] = value }
            #expect(fields[field] == index)
        }
        #expect(Set(TermCategory.allCases).count == TermCategory.allCases.count)
        #expect(TermCategory.allCases.allSatisfy { TermCategory(name: $0.name) == $0 })
    }

    @Test func fieldMapReadsAndWritesLikeADictionaryInEntryOrder() {
        var map: FieldMap<[Int]> = [:]
        #expect(map.isEmpty && map[.title] == nil)
        map[.summary, default: []].append(1)
        map[.summary, default: []].append(2)
        map[.id] = [0]
        map[.title] = [3]
        map[.title] = nil
        #expect(map[.summary] == [1, 2] && map[.title] == nil && map.count == 2)
        #expect(map.keys == [.id, .summary])  // the entry format's order, not insertion order
        #expect(map.map(\.value) == [[0], [1, 2]])
    }

    @Test func findingsMayBeOneBlockOfText() throws {
        let study = try #require(Fixtures.load("id: a\ntitle: T\nfindings: |\n  One. Two.\n").study)
        #expect(study.texts(.findings)?.first?.start.line == 4)
    }
}

@Suite("Hostile input")
struct HostileInputTests {
    @Test func deeplyNestedFlowListIsRejectedNotCrashed() {
        let yaml = "id: deep\ntitle: T\nsummary: " + String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000) + "\n"
        let loaded = Fixtures.load(yaml)
        #expect(loaded.study == nil)
        #expect(loaded.diagnostics.first?.check == .inputLimit)
        #expect(loaded.diagnostics.first?.message.contains("nesting deeper than") == true)
        #expect(loaded.diagnostics.first?.location.line == 3)
    }

    @Test func deeplyNestedBlockListIsRejected() {
        var yaml = "id: deep\ntitle: T\nsummary:\n"
        for depth in 0..<10_000 { yaml += String(repeating: " ", count: depth) + "-\n" }
        #expect(Fixtures.load(yaml).diagnostics.first?.check == .inputLimit)
        // Compact nesting (`- - - x`) is counted level by level, and refused at the level past the limit.
        let compact = "id: deep\ntitle: T\nsummary:\n  " + String(repeating: "- ", count: 10_000) + "x\n"
        let refused = Fixtures.load(compact).diagnostics.first
        #expect(refused?.check == .inputLimit)
        #expect(refused.map { [$0.location.line, $0.location.column] } == [4, 3 + 2 * 63])
        // The same on a key's line is not YAML at all: a located syntax error.
        let inline = "id: deep\ntitle: T\nsummary: " + String(repeating: "- ", count: 10_000) + "x\n"
        #expect(Fixtures.load(inline).diagnostics.first.map { [$0.location.line, $0.location.column] } == [3, 10])
    }

    @Test func aliasBombIsRejected() {
        var yaml = "id: bomb\ntitle: T\nx0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
        for level in 1...12 {
            yaml += "x\(level): &a\(level) [" + Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", ") + "]\n"
        }
        let loaded = Fixtures.load(yaml)
        #expect(loaded.study == nil)
        #expect(loaded.diagnostics.first?.message.contains("alias bomb") == true)
    }

    @Test func aliasAsKeyIsRejected() {
        let loaded = Fixtures.load("id: k\ntitle: T\na: &x [1, 2]\n? *x\n: 1\n")
        #expect(loaded.diagnostics.first?.message == "an alias cannot be used as a mapping key")
        #expect(loaded.diagnostics.first?.location.line == 4)
    }

    @Test func harmlessAliasesStillWork() throws {
        let loaded = Fixtures.load("id: alias\ntitle: &t Same text\nsummary: *t\n")
        #expect(loaded.diagnostics.isEmpty)
        #expect(try #require(loaded.study).texts(.summary)?.first?.text == "Same text")
    }

    @Test func invalidUTF8IsLocated() {
        var bytes = Array("id: x\ntitle: caf".utf8)
        bytes += [0xC3, 0x28]
        bytes += Array("\n".utf8)
        let loaded = StudyLoader(vocabulary: Fixtures.pack.vocabulary).load(path: "bad.yaml", bytes: bytes)
        #expect(loaded.diagnostics.map(\.description) == ["bad.yaml:2:11: error: invalid UTF-8 (byte 0xC3): save the file as UTF-8"])
    }

    @Test func utf8ValidationAgreesWithTheStandardLibrary() {
        // Long ASCII runs (the validator's eight-byte steps) around multi-byte scalars, broken
        // ones, overlongs and surrogates: the first invalid offset is where the bytes stop
        // being UTF-8 by the standard library's reading.
        var random = SplitMix64(seed: 11)
        let pieces: [[UInt8]] = [
            Array("plain ascii text ".utf8), Array("é".utf8), Array("€".utf8), Array("𝄞".utf8),
            [0xC3], [0x80], [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xFF], Array("x".utf8),
        ]
        for _ in 0..<3_000 {
            var bytes: [UInt8] = []
            for _ in 0..<Int(random.next() % 12) {
                bytes += pieces[Int(random.next() % UInt64(random.next() % 3 == 0 ? pieces.count : 4))]
            }
            let offset = UTF8Validation.firstInvalidOffset(in: bytes)
            if let offset {
                #expect(String(validating: bytes[..<offset], as: UTF8.self) != nil, "\(bytes) at \(offset)")
                // No scalar starts at the offset: none of its next one to four bytes is valid.
                #expect((1...min(4, bytes.count - offset)).allSatisfy {
                    String(validating: bytes[offset..<(offset + $0)], as: UTF8.self) == nil
                }, "\(bytes) at \(offset)")
            } else {
                #expect(String(validating: bytes, as: UTF8.self) != nil, "\(bytes)")
            }
        }
    }

    @Test func nulByteIsLocated() {
        let bytes = Array("id: x\ntitle: a".utf8) + [0] + Array("b\n".utf8)
        let loaded = StudyLoader(vocabulary: Fixtures.pack.vocabulary).load(path: "nul.yaml", bytes: bytes)
        #expect(loaded.diagnostics.first?.location == SourceLocation(path: "nul.yaml", line: 2, column: 9))
    }

    @Test func oversizedFileIsRejected() {
        let limits = YAMLLimits(maxBytes: 1_000, maxDepth: 64, maxExpandedNodes: 1_000)
        let yaml = "id: big\ntitle: T\ntext: " + String(repeating: "word ", count: 1_000) + "\n"
        let loaded = StudyLoader(vocabulary: Fixtures.pack.vocabulary, limits: limits).load(path: "big.yaml", bytes: Array(yaml.utf8))
        #expect(loaded.diagnostics.first?.check == .inputLimit)
        #expect(loaded.diagnostics.first?.message.contains("limit is 1000 bytes") == true)
    }

    /// Few nodes, much text: an anchored 10 KB text repeated 1,000 times is 10 MB once expanded
    /// (a 29 KB file of this shape took 26 s and 2.35 GB), refused where the budget runs out.
    @Test func aliasesThatRepeatALargeTextAreRefusedByTheirBytes() {
        let text = String(repeating: "Sleep loss led to fatigue. ", count: 380)
        func entry(uses: Int) -> [UInt8] {
            Array(("id: bomb\ntitle: T\nsummary: &t \"\(text)\"\nfindings:\n" + String(repeating: "  - *t\n", count: uses)).utf8)
        }
        let loader = StudyLoader(vocabulary: Fixtures.pack.vocabulary)
        let bomb = loader.load(path: "bomb.yaml", bytes: entry(uses: 1_000))
        let limit = YAMLLimits.entry.maxExpandedBytes
        #expect(bomb.study == nil && bomb.diagnostics.first?.check == .inputLimit)
        #expect(bomb.diagnostics.first?.message.contains("more than \(limit) bytes of text") == true)
        // Where the budget runs out: the alias that crosses it (1 + its line in the file).
        let line = try? #require(bomb.diagnostics.first?.location.line)
        #expect(line.map { $0 > 4 && $0 < 1_004 } == true)
        // A few uses of the same text are an ordinary entry.
        #expect(loader.load(path: "few.yaml", bytes: entry(uses: 10)).study != nil)
    }

    @Test func blockScalarContentDoesNotCountAsNesting() throws {
        var text = ""
        for depth in 0..<100 { text += "  " + String(repeating: " ", count: depth) + "indented line\n" }
        let loaded = Fixtures.load("id: text\ntitle: T\ntext: |\n" + text)
        #expect(loaded.diagnostics.isEmpty)
        #expect(loaded.study != nil)
    }
}

@Suite("Windows line endings")
struct LineEndingTests {
    @Test func crlfEntriesAreLocatedLineByLine() throws {
        let loaded = Fixtures.load("id: crlf\r\ntitle: T\r\nsummary: >\r\n  One sentence.\r\n  Two sentences.\r\ndesing: rct\r\n")
        #expect(loaded.diagnostics.first?.location.line == 6)
        let study = try #require(loaded.study)
        let sentences = Fixtures.auditor.analyze(study).sentences[.summary] ?? []
        #expect(sentences.map(\.location.line) == [4, 5])
    }
}
