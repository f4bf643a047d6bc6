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

@Suite("Auditing a set of entries")
struct AuditTests {
    /// Every job's result is handed over once, in job order, whatever the count (around the
    /// sizes where jobs start to be grouped into runs) and however unevenly the jobs take.
    @Test(arguments: [0, 1, 2, 31, 32, 33, 63, 64, 65, 1_000, 1_001, 5_003])
    func orderedWorkHandsOverEveryResultInOrder(count: Int) async {
        var seen: [Int] = []
        await OrderedWork.run(count: count, job: { index in
            // Uneven work, so that later jobs often finish first.
            var sum = 0
            for step in 0..<((index * 7_919) % 5_000) { sum &+= step }
            return sum == -1 ? -1 : index
        }) { seen.append($0) }
        #expect(seen == Array(0..<count))
    }

    @Test func brokenEntriesNeverHideTheOthers() async throws {
        let good = "id: good\ntitle: Good\ndesign: rct\nsample_size: 20\n"
        let directory = try Fixtures.directory([
            "a-typo.yaml": Array("id: typo\ntitle: T\ndesing: rct\n".utf8),
            "b-tabs.yaml": Array("id: tabs\ntitle: T\ntags:\n\tmethod_flags: []\n".utf8),
            "c-empty.yaml": [],
            "d-bomb.yaml": Array(("id: bomb\ntitle: T\nx0: &a0 [a, a, a, a, a, a, a, a, a, a]\n" + (1...12).map { level in
                "x\(level): &a\(level) [" + Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", ") + "]\n"
            }.joined()).utf8),
            "e-deep.yaml": Array(("id: deep\ntitle: T\nsummary: " + String(repeating: "[", count: 10_000)).utf8),
            "f-utf8.yaml": Array("id: bad\ntitle: ".utf8) + [0xFF] + Array("\n".utf8),
            "g-good.yaml": Array(good.utf8),
            "sub/h-flag.yaml": Array("id: flag\ntitle: T\ntags:\n  method_flags: [no-such-flag]\n".utf8),
        ])
        defer { Fixtures.remove(directory) }
        let files = EntryDiscovery().files(under: [directory]).files
        #expect(files.count == 8)
        let report = await Fixtures.auditor.audit(files: files)
        #expect(report.studies.map { ($0.path as NSString).lastPathComponent } == [
            "a-typo.yaml", "b-tabs.yaml", "c-empty.yaml", "d-bomb.yaml", "e-deep.yaml", "f-utf8.yaml", "g-good.yaml", "h-flag.yaml",
        ])
        for study in report.studies where !study.path.hasSuffix("g-good.yaml") {
            let errors = study.findings.filter { $0.severity == .error }
            #expect(errors.count == 1, "\(study.path): \(study.findings.map(\.message))")
            #expect(errors.first?.location.line ?? 0 >= 1)
        }
        let good2 = try #require(report.studies.first { $0.path.hasSuffix("g-good.yaml") })
        #expect(good2.suggestedFlags.contains("small-sample"))
        #expect(report.fails(at: .error))
    }

    @Test func duplicateIdsAcrossFilesAreReported() async throws {
        let entry = "id: same-id\ntitle: T\n"
        let directory = try Fixtures.directory(["one.yaml": Array(entry.utf8), "two.yaml": Array(entry.utf8)])
        defer { Fixtures.remove(directory) }
        let report = await Fixtures.auditor.audit(files: EntryDiscovery().files(under: [directory]).files)
        #expect(report.studies[0].findings.isEmpty)
        let duplicate = try #require(report.studies[1].findings.first)
        #expect(duplicate.rule == "duplicate-id")
        #expect(duplicate.severity == .error)
        #expect(duplicate.message.contains("one.yaml:1:5"))
        #expect(duplicate.related == [SourceLocation(path: directory + "/one.yaml", line: 1, column: 5)])
    }

    @Test func suggestedMissingAndUnsupportedFlags() {
        let report = Fixtures.audit("""
            id: flags
            title: T
            design: cohort
            sample_size: 30
            tags:
              method_flags: [exploratory-only]
            """)
        #expect(report.suggestedFlags == ["small-sample"])
        #expect(report.missingFlags == ["small-sample"])
        #expect(report.unsupportedFlags == ["exploratory-only"])
        #expect(report.findings.map(\.rule) == ["small-sample-primary", "unsupported-flag"])
        #expect(report.findings.map(\.severity) == [.warning, .info])
        #expect(report.findings[0].why?.isEmpty == false)
    }

    @Test func aDeclaredSupportedFlagIsNotAFinding() {
        let report = Fixtures.audit("id: ok\ntitle: T\ndesign: cohort\nsample_size: 30\ntags:\n  method_flags: [small-sample]\n")
        #expect(report.findings.isEmpty)
        #expect(report.matches.map(\.rule.id) == ["small-sample-primary"])
    }

    @Test func suppressionWithReasonSilencesTheRule() {
        let report = Fixtures.audit("""
            id: quiet
            title: T
            design: cohort
            sample_size: 30
            audit:
              ignore:
                - rule: small-sample-primary
                  reason: "30 is the whole national registry"
            """)
        #expect(report.findings.isEmpty)
        #expect(report.suggestedFlags.isEmpty)
    }

    @Test func badSuppressionsAreReported() {
        let report = Fixtures.audit("""
            id: noisy
            title: T
            design: cohort
            sample_size: 300
            audit:
              ignore:
                - rule: small-sampel-primary
                  reason: typo
                - rule: small-sample-primary
            """)
        #expect(report.findings.map(\.rule) == ["invalid-suppression", "invalid-suppression", "unused-suppression"])
        #expect(report.findings[0].message.contains("did you mean 'small-sample-primary'?"))
        #expect(report.findings[1].message.contains("needs a non-empty 'reason'"))
    }

    @Test func failOnThresholds() {
        let warningOnly = AuditReport(studies: [Fixtures.audit("id: w\ntitle: T\ndesign: cohort\nsample_size: 30\n")])
        #expect(warningOnly.count(.warning) == 1)
        #expect(!warningOnly.fails(at: .error))
        #expect(warningOnly.fails(at: .warning))
        #expect(warningOnly.fails(at: .info))
        #expect(!warningOnly.fails(at: nil))
        let clean = AuditReport(studies: [Fixtures.audit(Fixtures.minimalEntry)])
        #expect(clean.studies[0].findings.isEmpty)
        #expect(!clean.fails(at: .info))
    }

    @Test func missingPathsAreReportedAsUnreadable() {
        let result = EntryDiscovery().files(under: ["/nonexistent/flagaudit"])
        #expect(result.unreadable == ["/nonexistent/flagaudit"])
    }

    @Test func symlinkLoopsTerminate() async throws {
        let directory = try Fixtures.directory(["a.yaml": Array(Fixtures.minimalEntry.utf8)])
        defer { Fixtures.remove(directory) }
        try FileManager.default.createSymbolicLink(atPath: directory + "/loop", withDestinationPath: directory)
        #expect(EntryDiscovery().files(under: [directory]).files.count == 1)
    }

    /// A walk audits regular files only, and follows links only inside the folders given; what
    /// it leaves out is said, and a FIFO never blocks it.
    @Test func aWalkSkipsFIFOsAndLinksOutOfTheTreeAndSaysSo() async throws {
        let outside = try Fixtures.directory(["secret.yaml": Array("password: hunter2\n".utf8)])
        let directory = try Fixtures.directory([
            "a.yaml": Array(Fixtures.minimalEntry.utf8), "inner/b.yaml": Array(Fixtures.minimalEntry.replacingOccurrences(of: "minimal-2024", with: "b-2024").utf8),
        ])
        defer { Fixtures.remove(directory); Fixtures.remove(outside) }
        #expect(mkfifo(directory + "/fifo.yaml", 0o644) == 0)
        try FileManager.default.createSymbolicLink(atPath: directory + "/root", withDestinationPath: "/")
        try FileManager.default.createSymbolicLink(atPath: directory + "/secret.yaml", withDestinationPath: outside + "/secret.yaml")
        try FileManager.default.createSymbolicLink(atPath: directory + "/again", withDestinationPath: directory + "/inner")
        try FileManager.default.createSymbolicLink(atPath: directory + "/c.yaml", withDestinationPath: directory + "/a.yaml")
        let result = EntryDiscovery().files(under: [directory])
        #expect(result.files.map { String($0.dropFirst(directory.count + 1)) } == ["a.yaml", "again/b.yaml", "c.yaml"])
        let skipped = Dictionary(uniqueKeysWithValues: result.skipped.map { (String($0.path.dropFirst(directory.count + 1)), $0.reason) })
        #expect(skipped["fifo.yaml"]?.contains("not a regular file") == true)
        #expect(skipped["root"]?.contains("outside the folders audited") == true)
        #expect(skipped["secret.yaml"]?.contains("outside the folders audited") == true)
        // The run says what it skipped, and the secret's keys appear nowhere.
        var options = AuditRun.Options()
        options.paths = [directory]
        options.rulesDirectory = Fixtures.rulesDirectory
        options.configurationSearch = nil
        var report = "", messages: [String] = []
        _ = await AuditRun(options).run(console: Console(write: { report += $0 }, message: { messages.append($0) }, writeError: { _ in }))
        #expect(messages.contains { $0.hasSuffix("fifo.yaml: note: skipped: not a regular file (a FIFO, a socket or a device)") })
        #expect(!report.contains("password") && !messages.joined().contains("password"))
    }

    @Test func jsonHasTheDocumentedShape() throws {
        let report = AuditReport(studies: [Fixtures.audit("id: j\ntitle: T\ndesign: cohort\nsample_size: 30\n", path: "j.yaml")])
        let json = try JSONSerialization.jsonObject(with: Data(JSONReporter().render(report).utf8)) as? [String: Any]
        let tool = try #require(json?["tool"] as? [String: Any])
        #expect(tool["name"] as? String == "flagaudit")
        let study = try #require((json?["studies"] as? [[String: Any]])?.first)
        for key in ["id", "path", "declared_flags", "suggested_flags", "missing_flags", "unsupported_flags", "findings"] {
            #expect(study[key] != nil, "missing \(key)")
        }
        let finding = try #require((study["findings"] as? [[String: Any]])?.first)
        for key in ["rule", "severity", "flag", "message", "field", "line", "column", "excerpt"] {
            #expect(finding[key] != nil, "missing \(key)")
        }
        #expect(finding["line"] as? Int == 4)
        #expect(json?["summary"] as? [String: Int] == ["studies": 1, "error": 0, "warning": 1, "info": 0])
    }

    @Test func textOutputReadsLikeACompiler() {
        let report = AuditReport(studies: [Fixtures.audit("id: t\ntitle: T\ndesign: cohort\nsample_size: 30\n", path: "t.yaml")])
        let lines = TextReporter().render(report).split(separator: "\n")
        #expect(lines.first?.hasPrefix("t.yaml:4:14: warning: Only 30 participants") == true)
        #expect(lines.first?.hasSuffix("[small-sample-primary → small-sample]") == true)
        #expect(lines.last == "Audited 1 study: 0 errors, 1 warning, 0 infos.")
    }
}
