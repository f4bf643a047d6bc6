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

/// Hostile inputs end to end: each gives a located error or warning, the exit status of
/// cli.md, no crash or hang, and leaves every input file byte for byte as it was.
@Suite("Hostile input, whole audits")
struct HostileSuiteTests {
    static func files() -> [String: [UInt8]] {
        var bomb = "id: bomb\ntitle: T\nx0: &a0 [a, a, a, a, a, a, a, a, a, a]\n"
        for level in 1...15 { bomb += "x\(level): &a\(level) [" + Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", ") + "]\n" }
        var longText = "id: many-lines\ntitle: T\ndesign: cohort\nsample_size: 30\ntext: |\n"
        for line in 0..<100_000 { longText += "  line \(line) reduced pain not causes\n" }
        return [
            "utf8.yaml": Array("id: utf\ntitle: caf".utf8) + [0xC3, 0x28, 0x0A],
            "nul.yaml": Array("id: nul\ntitle: a".utf8) + [0] + Array("\n".utf8),
            "deep.yaml": Array(("id: deep\ntitle: T\nsummary: " + String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000) + "\n").utf8),
            "bomb.yaml": Array(bomb.utf8),
            "huge.yaml": Array("id: huge\ntitle: T\ntext: \"".utf8) + [UInt8](repeating: 0x61, count: 50 << 20) + Array("\"\n".utf8),
            "lines.yaml": Array(longText.utf8),
            "good.yaml": Array(Fixtures.minimalEntry.utf8),
        ]
    }

    @Test func everyHostileFileIsALocatedErrorAndNothingChanges() async throws {
        let inputs = HostileSuiteTests.files()
        let directory = try Fixtures.directory(inputs)
        defer { Fixtures.remove(directory) }
        try FileManager.default.createSymbolicLink(atPath: directory + "/loop", withDestinationPath: directory)
        try FileManager.default.createSymbolicLink(atPath: directory + "/dangling.yaml", withDestinationPath: directory + "/nowhere.yaml")
        let files = EntryDiscovery().files(under: [directory]).files
        #expect(files.count == inputs.count + 1)
        let started = Date()
        let report = await Fixtures.auditor.audit(files: files)
        #expect(Date().timeIntervalSince(started) < 120)
        for study in report.studies {
            let name = (study.path as NSString).lastPathComponent
            switch name {
            case "good.yaml", "lines.yaml":
                #expect(!study.findings.contains { $0.severity == .error }, "\(name)")
            default:
                let error = study.findings.first { $0.severity == .error }
                #expect(error != nil, "\(name) has no error")
                #expect((error?.location.line ?? 0) >= 1 && (error?.location.column ?? 0) >= 1)
            }
        }
        #expect(report.exitStatus(failOn: .error) == 1)
        for (name, bytes) in inputs {
            #expect(try FileInput.read(directory + "/" + name, limit: 64 << 20) == bytes, "\(name) changed")
        }
    }

    @Test func aTwoMegabyteOneLineTextScreensAndLocatesItsLastSentence() {
        // Locating each word once counted the block from its start: quadratic, a hang here.
        let filler = String(repeating: "Patients reported fatigue and pain éé ", count: 50_000) + "done. "
        let text = "A headline\n" + filler + "The study had no control group.\n"
        let started = Date()
        let result = ScreenTests.screener.screen(path: "one-line.txt", text: text)
        #expect(Date().timeIntervalSince(started) < 120)
        #expect(result.extraction.control == "none")
        let block = result.study.texts(.text)?.first
        let offset = block.flatMap { $0.text.range(of: "The study had") }.map { block!.text.unicodeScalars.distance(from: block!.text.startIndex, to: $0.lowerBound) }
        let location = offset.flatMap { block?.location(ofOffset: $0) }
        #expect(location?.line == 2)
        #expect(location?.column == filler.unicodeScalars.count + 1)
    }

    @Test func theLongFieldIsAnalysedInBoundedSentences() throws {
        let study = try #require(Fixtures.load(String(decoding: HostileSuiteTests.files()["lines.yaml"]!, as: UTF8.self)).study)
        let sentences = Fixtures.auditor.analyze(study).sentences[.text] ?? []
        #expect(sentences.count > 100)
        #expect(sentences.allSatisfy { $0.text.unicodeScalars.count <= SentenceSplitter.maximumLength })
    }

    /// An entry of 1,500 misspelt terms reports the first 1,000 in source order and one located
    /// input-limit error for the rest, not a report of megabytes.
    @Test func findingsPerEntryAreBounded() {
        let terms = (0..<1_500).map { "pop\($0)" }.joined(separator: ", ")
        let report = Fixtures.audit("id: many\ntitle: T\ndesign: cohort\nsample_size: 300\npopulation: [\(terms)]\n")
        #expect(report.findings.count == Auditor.findingLimit + 1)
        let last = report.findings[Auditor.findingLimit]
        #expect(last.rule == "input-limit" && last.severity == .error)
        #expect(last.message.hasPrefix("the entry raises 1500 findings; the first 1000 are reported and 500 from here on are not"))
        #expect(report.findings[Auditor.findingLimit - 1].excerpt == "pop999")
        #expect(last.location.line == 5 && last.location.column > report.findings[Auditor.findingLimit - 1].location.column)
    }

    /// A directory where a file is expected says so, instead of a system error code.
    @Test func aDirectoryGivenAsAFileIsNamedAsSuch() throws {
        let directory = try Fixtures.directory(["a.csv": Array("sentence,strength\n".utf8)])
        defer { Fixtures.remove(directory) }
        #expect {
            _ = try FileInput.read(directory, limit: 1 << 20)
        } throws: { error in
            let diagnostic = (error as? DiagnosticError)?.diagnostics.first
            return diagnostic?.message == "cannot read file: it is a directory" && diagnostic?.location.path == directory
        }
    }

    /// `eval claims DIR` reads the CSV files directly inside, in name order; other paths pass through.
    @Test func labelledDirectoriesExpandToTheirCSVFiles() throws {
        let directory = try Fixtures.directory([
            "b.csv": Array("x\n".utf8), "a.CSV": Array("x\n".utf8), "notes.txt": Array("x\n".utf8),
        ])
        defer { Fixtures.remove(directory) }
        #expect(LabeledRows.files([directory, "other.csv"]) == [directory + "/a.CSV", directory + "/b.csv", "other.csv"])
    }

    /// A labelled file the tool evaluates on is its own input, not an entry: its problems are
    /// file errors, located at the row, never filed under an entry check such as yaml-syntax.
    @Test func badLabelledFilesAreFileErrorsAtTheRow() throws {
        let directory = try Fixtures.directory([
            "columns.csv": Array("text,label\nA,b\n".utf8),
            "labels.csv": Array("sentence,strength\nCBT works.,direct-causal\nX was linked to Y.,strong\n".utf8),
        ])
        defer { Fixtures.remove(directory) }
        #expect(throws: FileError(at: .start(of: directory + "/columns.csv"), "missing column 'sentence'; the header has text, label")) {
            try ClaimEvaluation.read(directory + "/columns.csv")
        }
        #expect(throws: FileError(
            at: SourceLocation(path: directory + "/labels.csv", line: 3, column: 1),
            "row 2: strength must be one of \(ClaimEvaluation.classes.joined(separator: ", "))")) {
            try ClaimEvaluation.read(directory + "/labels.csv")
        }
        #expect(throws: FileError(at: .start(of: directory + "/none.csv"), "cannot read file: no such file")) {
            try ClaimEvaluation.read(directory + "/none.csv")
        }
    }

    @Test(arguments: [
        "(a+)+$", "(\\w+\\s?)*x", "(.*)*end", "(a|aa)+b", "(x)\\1",
        "(\\w\\w?)+!", ".*.*.*.*.*.*.*.*X", "\\w*\\w*\\w*\\w*\\w*\\w*\\w*!", "(a?){40}a{40}", "a{2,}b{3,}c+",
    ])
    func catastrophicRegexInAUserRuleIsRejectedAtLoad(pattern: String) throws {
        let rule = RulePackTests.validRule.replacingOccurrences(of: "      sample_size: {below: 10}", with: "      text: {patterns: ['\(pattern)']}")
        let (directory, result) = try RulePackTests.packWith(rule)
        defer { Fixtures.remove(directory) }
        guard case .failure(let error) = result else { Issue.record("accepted \(pattern)"); return }
        #expect(error.diagnostics.first?.message.hasPrefix("unsafe regular expression") == true)
        #expect(error.diagnostics.first?.location.line == 9)
    }

    @Test(arguments: [
        "\\bnon-?randomi[sz]ed\\b", "(double|single)[- ]blind", "\\b(a|the) (new|recent) study\\b", "x{2,3}", "(ab)+",
        "(?:pilot|feasibility) stud(?:y|ies)", "\\d+ (?:patients|participants)", "led to .*? in .*", "(?i)randomi[sz]ed", "a*?b", "x{1,40}y{2,}",
    ])
    func ordinaryRegexesStillLoad(pattern: String) {
        #expect(RegexSafety.problem(in: pattern) == nil)
    }
}
