import Foundation
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

#if canImport(FoundationXML)
import FoundationXML
#endif

@Suite("Output formats")
struct FormatTests {
    static func seedReport() async -> AuditReport {
        await Fixtures.auditor.audit(files: EntryDiscovery().files(under: [Fixtures.seedsDirectory]).files)
    }

    /// `check --format json` writes each study directly; the bytes are those of the documented tree.
    @Test func streamedStudiesAreTheTreeSerialized() async {
        var reports = await FormatTests.seedReport().studies
        reports.append(Fixtures.audit("id: e\ntitle: \"Quote \\\" and tab\\t\"\n"))
        reports.append(Fixtures.audit("{broken"))
        for report in reports {
            for level in [0, 2] {
                #expect(JSONReporter().serializedStudy(report, level: level) == JSONReporter().study(report).serialized(level: level))
            }
        }
    }

    /// Every character that needs escaping, at every position in an eight-byte word, among
    /// text that does not (the writer skips such text eight bytes at a time).
    @Test func jsonStringsRoundTripWhateverTheyHold() throws {
        let specials = (0..<0x20).map { String(UnicodeScalar(UInt8($0))) } + ["\"", "\\", "é", "✓", "𝛼", "\u{7F}"]
        for special in specials {
            for offset in 0..<9 {
                let text = String(repeating: "a", count: offset) + special + String(repeating: "b", count: 17 - offset) + special
                let json = JSONValue.array([.string(text)]).serialized(indent: nil)
                let parsed = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String])
                #expect(parsed == [text], "escaping \(special.unicodeScalars.map(\.value)) at \(offset)")
            }
        }
    }

    @Test func sarifHasThe210Shape() async throws {
        let report = await FormatTests.seedReport()
        let text = SARIFReporter(rules: RuleDescriptor.catalog(of: Fixtures.pack)).render(report)
        let sarif = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(sarif["version"] as? String == "2.1.0")
        let run = try #require((sarif["runs"] as? [[String: Any]])?.first)
        let driver = try #require((run["tool"] as? [String: Any])?["driver"] as? [String: Any])
        let rules = try #require(driver["rules"] as? [[String: Any]])
        #expect(rules.count == Fixtures.pack.rules.count + BuiltinCheck.allCases.count)
        let results = try #require(run["results"] as? [[String: Any]])
        #expect(results.count == report.studies.flatMap(\.findings).count)
        for result in results {
            let index = try #require(result["ruleIndex"] as? Int)
            #expect(rules[index]["id"] as? String == result["ruleId"] as? String)
            #expect(["error", "warning", "note"].contains(result["level"] as? String))
            let location = try #require((result["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])
            let region = try #require(location["region"] as? [String: Any])
            #expect((region["startLine"] as? Int ?? 0) >= 1)
            #expect((region["startColumn"] as? Int ?? 0) >= 1)
        }
        let causal = try #require(results.first { $0["ruleId"] as? String == "causal-language-correlational" })
        #expect((causal["properties"] as? [String: Any])?["flag"] as? String == "causal-language")
    }

    /// A file name with a space, `%`, `#`, a line break or a non-ASCII letter still makes a
    /// valid URI that decodes back to the path (#21 item 19).
    @Test func sarifURIsArePercentEncodedPaths() async throws {
        let path = "dir with space/50% #1\nx é?:.yaml"
        let report = Fixtures.audit("id: a\ntitle: T\ndesign: cross-sectional\nsummary: CBT led to improved connectivity.\n", path: path)
        let text = SARIFReporter(rules: RuleDescriptor.catalog(of: Fixtures.pack)).render(AuditReport(studies: [report]))
        let sarif = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let results = try #require((sarif["runs"] as? [[String: Any]])?.first?["results"] as? [[String: Any]])
        let uris = Set(results.compactMap { result in
            ((result["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any]).flatMap {
                ($0["artifactLocation"] as? [String: Any])?["uri"] as? String
            }
        })
        #expect(uris == ["dir%20with%20space/50%25%20%231%0Ax%20%C3%A9%3F%3A.yaml"])
        #expect(uris.first?.removingPercentEncoding == path)
        #expect(SARIFReporter.uri("seeds/a-b_c.~1.yaml") == "seeds/a-b_c.~1.yaml")
    }

    /// A file name with a line break cannot start a line of its own (a CI log would read
    /// "::error file=..." as a workflow command), and an entry's ESC cannot reach the terminal
    /// (#21 items 15 and 16).
    @Test func textOutputWritesControlCharactersOut() {
        let path = "a\n::error file=README.md,line=1::forged.yaml"
        let report = Fixtures.audit("id: a\ntitle: T\ndesign: cross-sectional\nsummary: \"CBT \\e]52;c;cm0gLXJmIC8K\\a led to improved connectivity.\"\n", path: path)
        let text = TextReporter().render(study: report)
        #expect(!text.isEmpty)
        #expect(!text.split(separator: "\n").contains { $0.hasPrefix("::") }, "\(text)")
        #expect(!text.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 })
        #expect(text.contains("a\\n::error file=README.md,line=1::forged.yaml:"))
        #expect(text.contains("\\u{1B}]52;c;cm0gLXJmIC8K\\u{7}"), "\(text)")
        #expect("plain – text ©".terminalSafe == "plain – text ©")
        #expect("x\u{85}y\u{2028}z\r\n".terminalSafe == "x\\u{85}y\\u{2028}z\\r\\n")
    }

    @Test func sarifWithoutFindingsIsStillADocument() throws {
        let text = SARIFReporter(rules: RuleDescriptor.catalog(of: Fixtures.pack)).render(AuditReport(studies: []))
        let sarif = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let run = try #require((sarif["runs"] as? [[String: Any]])?.first)
        #expect((run["results"] as? [Any])?.isEmpty == true)
        #expect(run["columnKind"] as? String == "unicodeCodePoints")
    }

    #if canImport(FoundationXML) || os(macOS)
    @Test func junitIsWellFormedWithTheRightCounts() async throws {
        let report = await FormatTests.seedReport()
        let document = try XMLDocument(data: Data(JUnitReporter(threshold: .error).render(report).utf8))
        let suite = try #require(document.rootElement()?.elements(forName: "testsuite").first)
        #expect(suite.attribute(forName: "tests")?.stringValue == "7")
        #expect(suite.attribute(forName: "failures")?.stringValue == "1")
        let cases = suite.elements(forName: "testcase")
        #expect(cases.count == 7)
        let failures = cases.flatMap { $0.elements(forName: "failure") }
        #expect(failures.count == report.count(.error))
        let lenient = try XMLDocument(data: Data(JUnitReporter(threshold: .info).render(report).utf8))
        #expect(lenient.rootElement()?.attribute(forName: "failures")?.stringValue == "4")
    }
    #endif

    @Test func junitEscapesMarkup() {
        #expect(MarkupText.escape("a <b> & \"c\" 'd'\u{1}") == "a &lt;b&gt; &amp; &quot;c&quot; &#39;d&#39;")
    }

    @Test func githubWorkflowCommands() {
        let finding = Finding(
            rule: "r", severity: .error, flag: "small-sample", message: "50% done\nnext",
            location: SourceLocation(path: "a,b:c.yaml", line: 3, column: 7))
        let report = AuditReport(studies: [StudyReport(
            path: "a,b:c.yaml", id: "x", declaredFlags: [], suggestedFlags: [], missingFlags: [], unsupportedFlags: [],
            findings: [finding], matches: [], study: nil)])
        let first = GitHubReporter().render(report).split(separator: "\n").first
        #expect(first == "::error file=a%2Cb%3Ac.yaml,line=3,col=7,title=r → small-sample::50%25 done%0Anext")
    }

    @Test func markdownHasASummaryTableAndGroupsFindings() async {
        let markdown = MarkdownReporter().render(await FormatTests.seedReport())
        #expect(markdown.hasPrefix("## FlagAudit: 3 errors"))
        #expect(markdown.contains("| twisk-2009-cbt-get-review | 3 | 5 | 1 | causal-language | pem-defined |"))
        #expect(markdown.contains("### vanderschaaf-2024-rsfc"))
        #expect(MarkdownReporter.cell("a|b") == "a\\|b")
    }

    /// A pull-request comment is read by people and rendered by GitHub: nothing from an entry or
    /// a file name may add an image, a link, HTML, a mention, a control character, or close the
    /// code span a path is shown in.
    @Test func markdownMakesEntryTextAndPathsInert() async throws {
        // YAML's escapes carry the ESC and BEL of an OSC 52 clipboard write into the finding.
        let hostile = "We found ![](https://tracker.example/p.png) and [click](javascript:alert(1)) for @octocat <img src=x> \\e]52;c;eA==\\a ok."
        let yaml = "id: hostile\ntitle: T\ndesign: cohort\nfindings:\n  - \"CBT led to improved connectivity. \(hostile)\"\n"
        let path = "dir/a`b` <img src=x onerror=alert(1)>\n::error file=x::y.yaml"
        let report = AuditReport(studies: [Fixtures.audit(yaml, path: path)])
        #expect(!report.studies[0].findings.isEmpty)
        let quality = QualityReport(audit: report, pack: Fixtures.pack)
        for markdown in [MarkdownReporter().render(report), MarkdownQualityReport(report: quality).render()] {
            #expect(!markdown.contains("![") && !markdown.contains("[click](") && markdown.contains("\\[click\\](javascript:"))
            #expect(!markdown.contains("@octocat"))
            #expect(markdown.contains("causal-language-correlational") && markdown.contains("octocat"))
            #expect(!markdown.contains("<img src=x>") && !markdown.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
            #expect(!markdown.contains("\n::error"))
            // The path sits whole in one code span, fenced by more backticks than it holds.
            #expect(markdown.contains("``dir/a`b` <img src=x onerror=alert(1)> ::error file=x::y.yaml``"))
        }
        #expect(MarkdownReporter.code("`x`") == "`` `x` ``")
    }

    @Test(arguments: [(Severity?.some(.error), Int32(1)), (.warning, 1), (.info, 1), (nil, 0)])
    func exitStatusForEveryFailOn(threshold: Severity?, expected: Int32) async {
        #expect(await FormatTests.seedReport().exitStatus(failOn: threshold) == expected)
        let infoOnly = AuditReport(studies: [Fixtures.audit("id: i\ntitle: T\ntags:\n  method_flags: [exploratory-only]\n")])
        #expect(infoOnly.exitStatus(failOn: threshold) == (threshold == .info ? 1 : 0))
    }

    /// Excerpts carry quotes, backslashes, tabs, line breaks, control bytes and non-ASCII text:
    /// the JSON stays valid and reads back to the same strings, pretty or compact.
    @Test func jsonEscapesEveryStringAndReadsBack() throws {
        let tricky = "say \"CBT\" \\ cures\tall\r\nnaïve – ✓ \u{01}\u{1F} end"
        let value = JSONValue.object([
            ("text", .string(tricky)), ("key \"q\"", .array([.number(-41), .bool(true), .null, .array([]), .object([])])),
        ])
        #expect(value.serialized() == """
            {
              "text": "say \\"CBT\\" \\\\ cures\\tall\\r\\nnaïve – ✓ \\u0001\\u001f end",
              "key \\"q\\"": [
                -41,
                true,
                null,
                [],
                {}
              ]
            }
            """)
        for text in [value.serialized(), value.serialized(indent: nil)] {
            let parsed = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
            #expect(parsed["text"] as? String == tricky)
            #expect((parsed["key \"q\""] as? [Any])?.count == 5)
        }
        #expect(value.serialized(indent: nil).hasPrefix("{\"text\":\"say"))
        for number in [0, 7, 10, 1_234_567, -1, Int.max, Int.min] {
            #expect(JSONValue.number(number).serialized() == String(number))
        }
    }

    @Test func atomicWriteReportsUnwritablePaths() throws {
        let directory = try Fixtures.directory([:])
        defer { Fixtures.remove(directory) }
        try AtomicFile.write("hello\n", to: directory + "/out.txt")
        #expect(try String(contentsOfFile: directory + "/out.txt", encoding: .utf8) == "hello\n")
        #expect(throws: FileError.self) { try AtomicFile.write("x", to: directory + "/missing/out.txt") }
    }

    /// `--output` streams: the old file stays whole until the new one is complete, then is
    /// replaced at once; an abandoned stream leaves the old file and no temporary file.
    @Test func streamedFileReplacesTheTargetOnlyOnCommit() throws {
        let directory = try Fixtures.directory(["out.json": Array("old\n".utf8)])
        defer { Fixtures.remove(directory) }
        let path = directory + "/out.json"
        let piece = String(repeating: "x", count: 50_000)
        do {
            let stream = try AtomicFileStream(path: path)
            for _ in 0..<4 { try stream.write(piece) }  // past the chunk size: some of it is on disk
            #expect(try String(contentsOfFile: path, encoding: .utf8) == "old\n")
            // Nothing named is left for Ctrl-C or SIGTERM to leave behind: the temporary file
            // has no name until the commit.
            #expect(try FileManager.default.contentsOfDirectory(atPath: directory) == ["out.json"])
            try stream.commit()
        }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == String(repeating: piece, count: 4))
        do {
            let abandoned = try AtomicFileStream(path: path)
            try abandoned.write("partial")
        }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == String(repeating: piece, count: 4))
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory) == ["out.json"])
        #expect(throws: FileError.self) { _ = try AtomicFileStream(path: directory + "/missing/out.json") }
    }

    /// A file with several hard links is rewritten in place: every link sees the new text, and
    /// the inode (so the links) stays.
    @Test func aHardLinkedFileKeepsItsLinks() throws {
        let directory = try Fixtures.directory(["a.yaml": Array("old\n".utf8)])
        defer { Fixtures.remove(directory) }
        #expect(link(directory + "/a.yaml", directory + "/b.yaml") == 0)
        var before = stat(), after = stat()
        _ = stat(directory + "/a.yaml", &before)
        let text = String(repeating: "new text\n", count: 20_000)  // several chunks
        try AtomicFile.write(text, to: directory + "/a.yaml")
        _ = stat(directory + "/a.yaml", &after)
        #expect(try String(contentsOfFile: directory + "/b.yaml", encoding: .utf8) == text)
        #expect(after.st_ino == before.st_ino && after.st_nlink == 2)
        try AtomicFile.write("short\n", to: directory + "/b.yaml")
        #expect(try String(contentsOfFile: directory + "/a.yaml", encoding: .utf8) == "short\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory).sorted() == ["a.yaml", "b.yaml"])
    }
}

@Suite("Streaming output")
struct StreamingTests {
    static let sarif = StreamingReport.Format.sarif(SARIFReporter(rules: RuleDescriptor.catalog(of: Fixtures.pack)))

    @Test(arguments: [StreamingReport.Format.json(JSONReporter()), .text(TextReporter()), .github, StreamingTests.sarif, .junit(JUnitReporter(threshold: .warning)), .markdown], [true, false])
    func streamedOutputEqualsTheCollectedReport(format: StreamingReport.Format, seeds: Bool) async {
        // The seeds, and no entry at all (empty arrays close differently).
        let files = seeds ? EntryDiscovery().files(under: [Fixtures.seedsDirectory]).files : []
        var streamed = ""
        var stream = StreamingReport(format: format) { streamed += $0 }
        await Fixtures.auditor.audit(files: files) { stream.add($0) }
        stream.finish()
        let report = await Fixtures.auditor.audit(files: files)
        let collected: String
        switch format {
        case .json: collected = JSONReporter().render(report)
        case .text: collected = TextReporter().render(report)
        case .github: collected = GitHubReporter().render(report)
        case .sarif(let reporter): collected = reporter.render(report)
        case .junit(let reporter): collected = reporter.render(report)
        case .markdown: collected = MarkdownReporter().render(report)
        }
        #expect(streamed == collected)
        #expect(stream.exitStatus(failOn: .error) == report.exitStatus(failOn: .error))
        #expect(stream.exitStatus(failOn: nil) == 0)
    }

    @Test(arguments: [StreamingReport.Format.json(JSONReporter()), .text(TextReporter()), StreamingTests.sarif, .junit(JUnitReporter(threshold: .error)), .markdown])
    func reportsRenderedByWorkersStillCarryDuplicateIDs(format: StreamingReport.Format) async throws {
        // Workers render each report; a duplicate id is only known in order, after rendering.
        let directory = try Fixtures.directory([
            "a.yaml": Array(Fixtures.minimalEntry.utf8), "b.yaml": Array(Fixtures.minimalEntry.utf8),
        ])
        defer { Fixtures.remove(directory) }
        let files = EntryDiscovery().files(under: [directory]).files
        var streamed = ""
        var stream = StreamingReport(format: format) { streamed += $0 }
        // As `check` streams: each study dropped on its worker, its id handed over on the side.
        await Fixtures.auditor.audit(files: files, keepStudies: false, prepare: { StreamingReport.render($0, format: format) }) {
            stream.add($0, rendered: $1)
        }
        stream.finish()
        var sequential = ""
        var expected = StreamingReport(format: format) { sequential += $0 }
        await Fixtures.auditor.audit(files: files) { expected.add($0) }
        expected.finish()
        #expect(streamed.contains("duplicate id"))
        #expect(streamed == sequential)
    }
}

@Suite("Reports without their studies")
struct SlimReportTests {
    @Test func droppingStudiesKeepsFindingsAndEvidence() async {
        // `check --baseline` and the streamed formats audit this way; the JSON's `evidence` must not go missing.
        let files = EntryDiscovery().files(under: [Fixtures.seedsDirectory]).files
        let full = await Fixtures.auditor.audit(files: files)
        let slim = await Fixtures.auditor.audit(files: files, keepStudies: false)
        #expect(slim.studies.allSatisfy { $0.study == nil && $0.matches.isEmpty })
        #expect(full.studies.contains { !$0.evidence.isEmpty })
        #expect(slim.studies.map(\.evidence.count) == full.studies.map(\.evidence.count))
        #expect(JSONReporter().render(slim) == JSONReporter().render(full))
    }
}

extension StreamingReport.Format: CustomTestStringConvertible {
    // The test log names the format, not every rule descriptor a SARIF reporter holds.
    public var testDescription: String {
        switch self {
        case .text: "text"
        case .json: "json"
        case .github: "github"
        case .sarif: "sarif"
        case .junit: "junit"
        case .markdown: "markdown"
        }
    }
}

@Suite("Escaping")
struct EscapingTests {
    /// Every ASCII character, each newline Swift knows (CRLF too), text around them, non-ASCII
    /// letters and the noncharacters XML drops, alone and side by side.
    static let samples: [String] = {
        let pieces = (0..<128).map { String(Unicode.Scalar(UInt8($0))) }
            + ["\r\n", "\u{85}", "\u{2028}", "\u{2029}", "é", "✓", "𝛼", "\u{FFFE}", "\u{FFFF}", "\u{FFFD}", "word", " "]
        var samples = ["", "plain words only"]
        for (index, piece) in pieces.enumerated() {
            samples.append(piece)
            samples.append("a\(piece)b\(pieces[(index * 7 + 3) % pieces.count])c \(piece)\(piece)")
        }
        samples.append(pieces.joined())
        samples.append(String(repeating: "long excerpt ", count: 40) + "\n" + String(repeating: "é", count: 300))
        return samples
    }()

    // What each escape meant before it was done in one pass, written the obvious way.
    static func joined(_ text: String) -> String { text.split(whereSeparator: \.isNewline).joined(separator: " ") }
    static func githubData(_ text: String) -> String {
        text.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "\r", with: "%0D").replacingOccurrences(of: "\n", with: "%0A")
    }

    /// A name's bytes survive the trip through a string: valid UTF-8 is the string itself, any
    /// other byte comes back as itself at the system call and shows as `\xNN`.
    @Test func fileNameBytesRoundTrip() {
        var random = SplitMix64(seed: 11)
        let pieces: [[UInt8]] = [[0x61], [0x2F], [0xE9], [0xC3, 0xA9], [0xE2, 0x82, 0xAC], [0xF0, 0x9D, 0x84, 0x9E], [0xF4, 0x90, 0x80, 0x80], [0xF4, 0x8F, 0xBE, 0x80], [0xF4, 0x8F, 0xBF, 0xBF], [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xFF], [0xE2, 0x82]]
        for _ in 0..<2_000 {
            let bytes = (0..<Int(random.next() % 12)).flatMap { _ in pieces[Int(random.next() % UInt64(pieces.count))] }
            let path = RawPath.decode(bytes)
            #expect(RawPath.withCString(path) { Array(UnsafeRawBufferPointer(start: $0, count: strlen($0))) } == bytes, "\(bytes)")
            if let valid = String(validating: bytes, as: UTF8.self), !bytes.contains(0xF4) { #expect(path == valid) }
        }
        #expect(RawPath.decode(Array("caf".utf8) + [0xE9]).terminalSafe == "caf\\xE9")
    }

    @Test func oneTablePassMeansWhatReplacingEachCharacterMeant() {
        for text in EscapingTests.samples {
            #expect(GitHubReporter.data(text) == EscapingTests.githubData(text), "\(text.debugDescription)")
            #expect(
                GitHubReporter.property(text)
                    == EscapingTests.githubData(text).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C"))
            var inline = EscapingTests.joined(text).terminalSafe
            for (character, escape) in [("<", "&lt;"), (">", "&gt;"), ("[", "\\["), ("]", "\\]"), ("`", "\\`"), ("@", "&#64;")] {
                inline = inline.replacingOccurrences(of: character, with: escape)
            }
            #expect(MarkdownReporter.inline(text) == inline, "\(text.debugDescription)")
            #expect(MarkdownReporter.cell(text) == inline.replacingOccurrences(of: "|", with: "\\|"))
            let flat = EscapingTests.joined(text)
            for limit in [1, 5, 160] {
                #expect(TextReporter.clip(text, limit: limit) == (flat.count > limit ? String(flat.prefix(limit - 1)) + "…" : flat))
            }
            var markup = String.UnicodeScalarView()
            for scalar in text.unicodeScalars {
                switch scalar {
                case "&": markup += "&amp;".unicodeScalars
                case "<": markup += "&lt;".unicodeScalars
                case ">": markup += "&gt;".unicodeScalars
                case "\"": markup += "&quot;".unicodeScalars
                case "'": markup += "&#39;".unicodeScalars
                case _ where scalar.value < 0x20 && scalar != "\n" && scalar != "\t" && scalar != "\r": continue
                case "\u{FFFE}", "\u{FFFF}": continue
                default: markup.append(scalar)
                }
            }
            #expect(MarkupText.escape(text) == String(markup), "\(text.debugDescription)")
        }
    }
}

@Suite("Spool")
struct SpoolTests {
    /// Pieces of every UTF-8 width, so that chunk ends fall inside scalars.
    static let text = (0..<40_000).map { "\($0) é ✓ 𝛼\n" }.joined()

    static func replayed(_ spool: Spool) -> (text: String, pieces: Int) {
        var text = "", pieces = 0
        spool.replay { text += $0; pieces += 1 }
        return (text, pieces)
    }

    @Test func replaysWhatWasWrittenWholeAndLeavesNoFile() throws {
        let directory = try Fixtures.directory([:])
        defer { Fixtures.remove(directory) }
        let spool = Spool(directory: directory)
        for line in SpoolTests.text.split(separator: "\n", omittingEmptySubsequences: false) { spool.write(line + "\n") }
        // No file by name at any time: it is unlinked as soon as it is made.
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory).isEmpty)
        let (text, pieces) = SpoolTests.replayed(spool)
        #expect(text == SpoolTests.text + "\n")
        #expect(pieces > 1)
    }

    @Test func withoutATemporaryFileKeepsTheTextInMemory() {
        let spool = Spool(directory: "/nonexistent/directory")
        spool.write(SpoolTests.text)
        #expect(SpoolTests.replayed(spool).text == SpoolTests.text)
    }
}

@Suite("Markdown under GitHub's comment limit")
struct MarkdownLimitTests {
    /// A pull request that touches thousands of entries still gets a comment GitHub accepts:
    /// whole rows and sections up to the limit, the totals of everything, and a line saying
    /// what was cut.
    @Test func aLargeReportIsCutAtAPieceWithANote() {
        let study = Fixtures.audit("id: x\ntitle: T\ndesign: cross-sectional\nfindings: CBT led to improved connectivity.\nsample_size: 12\n")
        let studies = (0..<3_000).map { index -> StudyReport in
            var copy = study
            copy.id = "study-\(index)"
            copy.path = "entries/study-\(index).yaml"
            return copy
        }
        let text = MarkdownReporter().render(AuditReport(studies: studies))
        #expect(text.utf16.count <= MarkdownReporter.characterLimit)
        #expect(text.hasPrefix("## FlagAudit: 0 errors, \(3_000 * study.count(.warning)) warnings"))
        #expect(text.contains("are not shown"))
        let rows = text.split(separator: "\n").filter { $0.hasPrefix("| study-") }
        #expect(rows.count > 100 && rows.count < 3_000)
        // Rows are whole: each ends with its last cell.
        #expect(rows.allSatisfy { $0.hasSuffix(" |") })
        let small = MarkdownReporter().render(AuditReport(studies: Array(studies.prefix(3))))
        #expect(!small.contains("are not shown"))
        #expect(small.contains("### study-2"))
    }
}

@Suite("SARIF as code scanning shows it")
struct SARIFCodeScanningTests {
    private func sarif(_ yaml: String) throws -> [String: Any] {
        let report = Fixtures.auditor.audit(Fixtures.load(yaml, path: "entries/x.yaml"))
        let text = SARIFReporter(rules: RuleDescriptor.catalog(of: Fixtures.pack)).render(AuditReport(studies: [report]))
        return try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    private func results(_ document: [String: Any]) -> [[String: Any]] {
        ((document["runs"] as? [[String: Any]])?.first?["results"] as? [[String: Any]]) ?? []
    }

    /// A finding silenced in the entry is a result with an in-source suppression and the
    /// editor's reason, not a result that vanished.
    @Test func aSilencedFindingIsASuppressedResultWithItsReason() throws {
        let entry = """
            id: x
            title: T
            design: cross-sectional
            findings: CBT led to improved connectivity.
            audit:
              ignore:
                - rule: causal-language-correlational
                  reason: quoted from the authors and rebutted

            """
        let suppressed = results(try sarif(entry)).filter { $0["suppressions"] != nil }
        #expect(suppressed.count == 1)
        let item = try #require((suppressed.first?["suppressions"] as? [[String: Any]])?.first)
        #expect(suppressed.first?["ruleId"] as? String == "causal-language-correlational")
        #expect(item["kind"] as? String == "inSource")
        #expect(item["justification"] as? String == "quoted from the authors and rebutted")
    }

    /// A missing flag's result carries the edit `--fix` would make; every rule has help.
    @Test func aFixIsAReplacementAndEveryRuleHasHelp() throws {
        let document = try sarif("id: x\ntitle: T\ndesign: cross-sectional\nfindings: CBT led to improved connectivity.\ntags:\n  method_flags: [exploratory-only]\n")
        let fixed = try #require(results(document).first { $0["ruleId"] as? String == "causal-language-correlational" })
        let change = try #require(((fixed["fixes"] as? [[String: Any]])?.first?["artifactChanges"] as? [[String: Any]])?.first)
        let replacement = try #require((change["replacements"] as? [[String: Any]])?.first)
        #expect((replacement["insertedContent"] as? [String: Any])?["text"] as? String == ", causal-language")
        #expect((replacement["deletedRegion"] as? [String: Any])?["startLine"] as? Int == 6)
        let rules = try #require((((document["runs"] as? [[String: Any]])?.first?["tool"] as? [String: Any])?["driver"] as? [String: Any])?["rules"] as? [[String: Any]])
        for rule in rules {
            let help = rule["help"] as? [String: Any]
            #expect((help?["text"] as? String)?.isEmpty == false, "\(rule["id"] ?? "")")
            #expect(help?["markdown"] is String)
        }
        let causal = try #require(rules.first { $0["id"] as? String == "causal-language-correlational" })
        #expect(((causal["help"] as? [String: Any])?["markdown"] as? String)?.contains("Fires on:") == true)
    }
}

@Suite("Terminal manners: colour, quiet, progress")
struct TerminalMannersTests {
    @Test(arguments: [
        (TextStyle.ColorChoice.auto, true, [String: String](), true),
        (.auto, false, [:], false),
        (.auto, true, ["NO_COLOR": "1"], false),
        (.auto, true, ["NO_COLOR": ""], true),
        (.auto, true, ["TERM": "dumb"], false),
        (.auto, false, ["FORCE_COLOR": "1"], true),
        (.auto, false, ["FORCE_COLOR": "0"], false),
        (.always, false, ["NO_COLOR": "1"], true),
        (.never, true, ["FORCE_COLOR": "1"], false),
    ])
    func colourFollowsTheChoiceTheTerminalAndTheEnvironment(choice: TextStyle.ColorChoice, terminal: Bool, environment: [String: String], colored: Bool) {
        #expect(TextStyle.resolve(choice, isTerminal: terminal, environment: environment).colored == colored)
    }

    /// Colour marks up severities, paths, rules and excerpts; an entry's own escape bytes stay
    /// written out, so the only escape sequences are the tool's.
    @Test func colouredTextDiffersFromPlainOnlyByTheToolsEscapes() {
        let report = Fixtures.audit("id: x\ntitle: T\ndesign: cross-sectional\nfindings: \"CBT led to improved connectivity \\e[31m.\"\n")
        let plain = TextReporter().render(study: report)
        let colored = TextReporter(style: .terminal).render(study: report)
        #expect(colored.contains("\u{1B}[1;33mwarning\u{1B}[0m"))
        let stripped = colored.replacingOccurrences(of: "\u{1B}\\[[0-9;]*m", with: "", options: .regularExpression)
        #expect(stripped == plain)
        #expect(!plain.contains("\u{1B}"))
    }

    @Test func quietLeavesTheFindingsAlone() {
        let report = Fixtures.audit("id: x\ntitle: T\ndesign: cross-sectional\nfindings: CBT led to improved connectivity.\n")
        let quiet = TextReporter(quiet: true)
        #expect(quiet.render(study: report) == TextReporter().render(study: report).split(separator: "\n", omittingEmptySubsequences: false)
            .filter { !$0.contains(": note: flags:") }.joined(separator: "\n"))
        #expect(quiet.summary(studies: 1, count: { _ in 0 }).isEmpty)
    }

    @Test func progressSaysCountRateAndTimeLeft() {
        #expect(ProgressLine.describe(done: 2_500, total: 10_000, noun: "entries", elapsed: .seconds(2)) == "2,500 of 10,000 entries, 1,250/s, 6 s left")
        var written: [String] = []
        var line = ProgressLine(total: 3, noun: "entries") { written.append($0) }
        line.advance()
        line.hide()
        // Under two seconds nothing is shown, and nothing needs wiping.
        #expect(written.isEmpty)
    }
}
