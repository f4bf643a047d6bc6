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

@Suite("Screening raw texts")
struct ScreenTests {
    static let screener = Screener(pack: Fixtures.pack)

    static func screen(_ name: String) -> Screener.Result {
        screener.screen(contentsOf: Fixtures.seedsDirectory + "/raw/" + name)
    }

    /// What the screener writes comes from the pack (`screen.reading`), not from Swift.
    @Test func thePackDecidesTheSlugsAndSignalsTheScreenerReadsWith() throws {
        var pack = Fixtures.pack
        pack.lexicon.screen.reading.newsSource = "blog"
        pack.lexicon.screen.reading.pemBadges.notApplicable = nil
        pack.lexicon.screen.reading.randomized = nil
        let result = Screener(pack: pack).screen(contentsOf: Fixtures.seedsDirectory + "/raw/004-news-mair-fibromyalgia.txt")
        #expect(result.extraction.source == "blog")
        #expect(result.extraction.pem == nil)
        #expect(result.extraction.randomized == nil)
        pack.lexicon.screen.reading.newsSignals = []
        #expect(Screener(pack: pack).screen(contentsOf: Fixtures.seedsDirectory + "/raw/004-news-mair-fibromyalgia.txt").extraction.kind != .news)

        let text = try String(contentsOfFile: Fixtures.rulesDirectory + "/lexicon.yaml", encoding: .utf8)
            .replacingOccurrences(of: "news_source: news ", with: "news_source: newz ")
            .replacingOccurrences(of: "{signal: randomization, yes: randomized", with: "{signal: randomisation, yes: randomized")
            .replacingOccurrences(of: "{signal: blinding, yes: blinded", with: "{signal: blinding, yes: masked")
        let withoutReading = String(text[..<text.range(of: "  # How the signals above become")!.lowerBound])
        let older = try YAMLDocument.load(path: "lexicon.yaml", bytes: Array(withoutReading.utf8), limits: .rulePack)
        #expect(throws: DiagnosticError.self) { try LexiconLoader().load(older, vocabulary: pack.vocabulary) }
        let document = try YAMLDocument.load(path: "lexicon.yaml", bytes: Array(text.utf8), limits: .rulePack)
        #expect(throws: DiagnosticError.self) { try LexiconLoader().load(document, vocabulary: pack.vocabulary) }
        do { _ = try LexiconLoader().load(document, vocabulary: pack.vocabulary) } catch {
            let messages = error.diagnostics.map(\.message)
            #expect(messages.contains("unknown source 'newz' in screen.reading.news_source; did you mean 'news'?"))
            #expect(messages.contains("screen.reading names signal 'randomisation', which the lexicon's signals do not define; did you mean 'randomization'?"))
            #expect(messages.contains("screen.reading: signal 'blinding' has no value 'masked'; it reads blinded, not-blinded"))
        }
    }

    @Test func fibromyalgiaPressArticleIsNewsAboutASmallRCTWithActiveControl() {
        let result = ScreenTests.screen("004-news-mair-fibromyalgia.txt")
        var expected = Extraction(kind: .news)
        expected.source = "news"
        expected.design = "rct"
        expected.population = ["fibromyalgia"]
        expected.sampleSize = 41
        expected.pem = "not-applicable"
        expected.randomized = true
        expected.control = "active"
        var read = result.extraction
        read.evidence = [:]
        #expect(read == expected)
        #expect(result.report.suggestedFlags == ["small-sample", "blinding-not-reported", "secondary-source"])
        // Each value carries the sentence it was read from, located.
        let evidence = result.extraction.evidence
        #expect(evidence["sample_size"]?.match == "41")
        #expect(evidence["sample_size"]?.location.line == 12)
        #expect(evidence["design"]?.match == "randomised controlled trial")
        #expect(evidence["population"]?.field == .title)
        #expect(evidence["blinded"] == nil)
    }

    @Test func reviewIsASystematicReviewWithPRISMAAndNoSampleSize() {
        let result = ScreenTests.screen("003-review-conservative-treatment-brain.txt")
        #expect(result.extraction.kind == .fullText)
        #expect(result.extraction.design == "review-systematic")
        #expect(result.extraction.review == "systematic")
        #expect(result.extraction.population == ["chronic-pain"])
        #expect(result.extraction.sampleSize == nil)
        #expect(result.extraction.randomized == nil)
        #expect(result.report.suggestedFlags == ["small-sample"])
    }

    @Test func backPainBlogIsNewsWithUnknownDesign() {
        let result = ScreenTests.screen("001-news-dmn-back-pain.txt")
        #expect(result.extraction.kind == .news)
        #expect(result.extraction.design == nil)
        #expect(result.extraction.population == ["chronic-pain"])
        #expect(result.extraction.sampleSize == nil)
        #expect(result.extraction.control == "healthy-controls")
        #expect(result.report.suggestedFlags.contains("secondary-source"))
    }

    @Test func atlasPagesAreParsedIntoFullEntriesWithPublishedTags() throws {
        let page = ScreenTests.screen("000-atlas-vanderschaaf-2024-rsfc.txt")
        #expect(page.extraction.kind == .atlasPage)
        let study = page.study
        #expect(study.term(.evidenceLevel)?.value == "E3")
        #expect(study.term(.confidence)?.value == "moderate")
        #expect(study.term(.pem)?.value == "unknown")
        #expect(study.design == "cross-sectional")
        #expect(study.term(.source)?.value == "peer-reviewed")
        #expect(study.term(.reviewStatus)?.value == "machine-draft")
        #expect(study.list(.authors)?.map(\.value) == ["van der Schaaf ME", "Geerligs L", "Toni I"])
        #expect(study.number(.year)?.value == 2024)
        #expect(study.string(.doi)?.value == "10.1017/S0033291723003690")
        #expect(study.string(.pmid)?.value == "38193344")
        #expect(study.texts(.findings)?.count == 5)
        #expect(study.texts(.conclusions)?.count == 4)
        #expect(study.texts(.limitations)?.first?.text.hasPrefix("This study does not prove") == true)
        #expect(page.writtenFlags == ["PEM Not Defined", "Weak Case Definition", "Exploratory Only"])
        #expect(study.tags["symptoms"]?.map(\.value) == ["Pain", "Fatigue"])
        #expect(page.report.suggestedFlags == ["pem-not-defined", "weak-case-definition", "causal-language"])
        let causal = try #require(page.report.findings.first { $0.rule == "causal-language-correlational" })
        #expect(causal.location.line == 11)
        #expect(causal.location.column == 3)

        let review = ScreenTests.screen("002-atlas-twisk-2009-cbt-get-review.txt")
        #expect(review.writtenFlags == ["PEM_DEFINED", "PEM Not Defined", "Weak Case Definition"])
        #expect(review.study.tags["symptoms"]?.map(\.value) == ["Post-Exertional Malaise", "Cognitive Dysfunction", "Pain", "Fatigue"])
        let errors = Set(review.report.findings.filter { $0.severity == .error }.map(\.rule))
        #expect(errors == ["pem-flags-contradict", "pem-badge-contradicts-flag", "evidence-level-design"])
    }

    /// Texts whose names make one slug get drafts of their own, each named by its id; several
    /// texts without --out are refused rather than all but one dropped.
    @Test func draftsOfOneRunNeverReplaceEachOther() async throws {
        let abstract = Array("A randomised trial of pacing in 60 adults with ME/CFS.\n".utf8)
        let directory = try Fixtures.directory(["in/d1/study.txt": abstract, "in/d2/study.txt": abstract, "in/Study A.txt": abstract, "in/study_a.txt": abstract])
        defer { Fixtures.remove(directory) }
        func run(out: String?, force: Bool = false) async -> (Int32, [String]) {
            var options = ScreenRun.Options()
            options.paths = [directory + "/in"]
            options.rulesDirectory = Fixtures.rulesDirectory
            options.emitEntry = true
            options.draftsDirectory = out
            options.force = force
            var messages: [String] = []
            let status = await ScreenRun(options).run(console: Console(write: { _ in }, message: { messages.append($0) }, writeError: { _ in }))
            return (status, messages)
        }
        let (status, _) = await run(out: directory + "/drafts")
        #expect(status == ExitStatus.clean)
        let names = try FileManager.default.contentsOfDirectory(atPath: directory + "/drafts").sorted()
        #expect(names == ["study-2.yaml", "study-a-2.yaml", "study-a.yaml", "study.yaml"])
        for name in names {
            let text = try String(contentsOfFile: directory + "/drafts/" + name, encoding: .utf8)
            #expect(text.contains("id: \(name.dropLast(5))\n"), "\(name)")
        }
        #expect(await run(out: directory + "/drafts", force: true).0 == ExitStatus.clean)
        let (refused, messages) = await run(out: nil)
        #expect(refused == ExitStatus.untrusted && messages.contains { $0.contains("4 texts were found: give --out DIR") })
    }

    @Test func emittedEntriesPassCheckWithoutSchemaErrors() throws {
        let writer = EntryWriter(vocabulary: Fixtures.pack.vocabulary)
        let names = [
            "000-atlas-vanderschaaf-2024-rsfc.txt", "001-news-dmn-back-pain.txt", "002-atlas-twisk-2009-cbt-get-review.txt",
            "003-review-conservative-treatment-brain.txt", "004-news-mair-fibromyalgia.txt",
        ]
        let schema: Set<String> = ["yaml-syntax", "schema", "missing-required-key", "unknown-term", "input-limit"]
        for name in names {
            let result = ScreenTests.screen(name)
            let yaml = writer.yaml(for: result)
            let loaded = Fixtures.load(yaml, path: "draft.yaml")
            #expect(loaded.diagnostics.allSatisfy { !schema.contains($0.check.rawValue) }, "\(name): \(loaded.diagnostics)")
            let report = Fixtures.auditor.audit(loaded)
            #expect(report.suggestedFlags == result.report.suggestedFlags, "\(name)")
            #expect(yaml.contains("review_status: machine-draft"))
        }
    }

    @Test func quotingSurvivesHostileText() throws {
        let text = "Title: \"quoted\" — no\n\tTabbed line\n- dash\n#hash\n"
        let loaded = Fixtures.load("id: q\ntitle: \(EntryWriter.quote(text))\ntext: \(EntryWriter.block(text))")
        #expect(loaded.diagnostics.isEmpty)
        #expect(loaded.study?.texts(.title)?.first?.text == text)
    }

    /// libyaml breaks lines at NEL, U+2028 and U+2029 too and refuses C1 controls and U+FFFE
    /// written raw: a draft of a text holding them must still load, and keep them.
    @Test(arguments: ["\u{85}", "\u{2028}", "\u{2029}", "\u{80}", "\u{9F}", "\u{FFFE}", "\u{FFFF}", "\r"])
    func draftsKeepLineBreaksYAMLCounts(_ odd: String) throws {
        let text = "First line\(odd)still first\nsecond line\n\nthird\(odd)"
        let loaded = Fixtures.load("id: q\ntitle: \(EntryWriter.quote(text))\ntext: \(EntryWriter.block(text))")
        #expect(loaded.diagnostics.isEmpty, "\(loaded.diagnostics)")
        #expect(loaded.study?.texts(.title)?.first?.text == text)
        #expect(loaded.study?.texts(.text)?.first?.text == text)
    }

    @Test func unreadableAndBinaryInputsAreLocatedErrors() throws {
        let directory = try Fixtures.directory(["bad.txt": [0x41, 0x00, 0x42], "latin1.txt": [0x63, 0x61, 0x66, 0xE9]])
        defer { Fixtures.remove(directory) }
        // A NUL in the first bytes is binary data, refused as such; the message says what to give.
        #expect(ScreenTests.screener.screen(contentsOf: directory + "/bad.txt").report.findings.first?.message == "cannot screen binary data of a kind not recognised: give a text, PDF, DOCX or HTML file")
        #expect(ScreenTests.screener.screen(contentsOf: directory + "/latin1.txt").report.findings.first?.location.column == 4)
    }

    @Test func slugsFromFileNames() {
        #expect(Screener.slug(for: "/x/004 News MAIR.txt") == "004-news-mair")
        #expect(Screener.slug(for: "___.txt") == "screened-text")
    }
}
