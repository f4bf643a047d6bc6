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

@Suite("Baselines, fixes and configuration")
struct WorkflowTests {
    static let entry = """
        id: base
        title: T
        design: cohort
        sample_size: 30
        findings:
          - Sleep loss causes fatigue.

        """

    @Test func baselineSurvivesEditsAboveAFinding() throws {
        let before = AuditReport(studies: [Fixtures.audit(WorkflowTests.entry, path: "seeds/base.yaml")])
        #expect(before.count(.warning) == 2)
        let baseline = try roundTrip(Baseline(report: before))
        let edited = WorkflowTests.entry.replacingOccurrences(of: "title: T\n", with: "title: T\n# a new comment\njournal: J\nyear: 2020\n")
        let after = AuditReport(studies: [Fixtures.audit(edited, path: "./seeds/base.yaml")])
        #expect(after.studies[0].findings.map(\.location.line) != before.studies[0].findings.map(\.location.line))
        #expect(baseline.filter(after).studies[0].findings.isEmpty)
        let worse = edited + "conclusions:\n  - Exercise reduces pain.\n"
        let new = baseline.filter(AuditReport(studies: [Fixtures.audit(worse, path: "seeds/base.yaml")])).studies[0].findings
        #expect(new.map(\.excerpt) == ["Exercise reduces pain."])
    }

    @Test func baselineRecordsAndFiltersStudyByStudyWithItsCounts() {
        // As a streamed `check` uses it: studies recorded and filtered one at a time.
        let twice = WorkflowTests.entry + "conclusions:\n  - Sleep loss causes fatigue.\n"
        let studies = [Fixtures.audit(WorkflowTests.entry, path: "a.yaml"), Fixtures.audit(twice, path: "b.yaml")]
        var recorded = Baseline()
        for study in studies { recorded.record(study) }
        #expect(recorded == Baseline(report: AuditReport(studies: studies)))
        // The baseline of a.yaml accepts its one causal claim, not b.yaml's, nor a second copy in a.yaml.
        let accepted = Baseline(report: AuditReport(studies: [studies[0]]))
        #expect(accepted.filter(studies[0]).findings.isEmpty)
        let again = Fixtures.audit(twice, path: "a.yaml")
        #expect(again.findings.filter { $0.rule == "causal-language-correlational" }.count == 2)
        #expect(accepted.filter(again).findings.map(\.rule) == ["causal-language-correlational"])
        #expect(accepted.filter(studies[1]).findings.count == studies[1].findings.count)
        #expect(accepted.filter(AuditReport(studies: [again, studies[1]])).studies.map(\.findings.count) == [1, studies[1].findings.count])
    }

    private func roundTrip(_ baseline: Baseline) throws -> Baseline {
        let directory = try Fixtures.directory(["baseline.json": Array(baseline.serialized().utf8)])
        defer { Fixtures.remove(directory) }
        let read = try Baseline(contentsOf: directory + "/baseline.json")
        #expect(read == baseline)
        return read
    }

    /// One key listed twice with counts that overflow when summed accepts every such finding.
    @Test func baselineCountsThatOverflowSaturate() throws {
        let item = "{\"path\": \"a.yaml\", \"rule\": \"r\", \"text\": \"t\", \"count\": 9223372036854775807}"
        let directory = try Fixtures.directory(["b.json": Array("{\"version\": 1, \"findings\": [\(item), \(item)]}".utf8)])
        defer { Fixtures.remove(directory) }
        let baseline = try Baseline(contentsOf: directory + "/b.json")
        #expect(baseline.counts.values.map { $0 } == [Int.max])
    }

    @Test func malformedBaselineIsAnError() throws {
        let directory = try Fixtures.directory(["b.json": Array("{\"version\": 2}".utf8)])
        defer { Fixtures.remove(directory) }
        #expect(throws: DiagnosticError.self) { try Baseline(contentsOf: directory + "/b.json") }
    }

    /// Fixes `source`, checks only `changedLines` (0-based, in the fixed text) differ, and that
    /// the fixed text audits clean of missing flags and non-canonical spellings.
    func fixed(_ source: String, changedLines: Set<Int>) throws -> String {
        let report = Fixtures.audit(source)
        let fix = EntryFixer(vocabulary: Fixtures.pack.vocabulary).fix(report, source: source)
        #expect(fix.skipped == nil)
        let old = source.scalarLines, new = fix.fixed.scalarLines
        let inserted = new.count - old.count
        var oldIndex = 0
        for (index, line) in new.enumerated() {
            if changedLines.contains(index) {
                if inserted > 0 && !old.contains(line) { continue }
                oldIndex += 1
                continue
            }
            #expect(line == old[oldIndex], "line \(index + 1) changed: \(line)")
            oldIndex += 1
        }
        let after = Fixtures.audit(fix.fixed)
        #expect(after.missingFlags.isEmpty)
        #expect(!after.findings.contains { $0.rule == "non-canonical-term" })
        #expect(!after.findings.contains { $0.flag != nil && $0.severity >= .warning })
        return fix.fixed
    }

    @Test func fixKeepsEveryOtherByteOfACommentedFile() throws {
        let source = """
            # Entry kept by hand: comments and order matter.
            id: commented   # stable id
            title: "A cohort of 30"
            design: Cohort          # label, not slug
            sample_size: 30
            population: [Long COVID]
            tags:
              symptoms: [fatigue]   # free vocabulary
              method_flags: [ Exploratory Only ]  # as published
            summary: A pilot study.

            """
        let result = try fixed(source, changedLines: [3, 5, 8])
        #expect(result.contains("design: cohort          # label, not slug\n"))
        #expect(result.contains("population: [long-covid]\n"))
        #expect(result.contains("  method_flags: [ exploratory-only, small-sample ]  # as published\n"))
    }

    @Test func fixAppendsToABlockList() throws {
        let source = "id: b\ntitle: T\ndesign: cohort\nsample_size: 30\ntags:\n  method_flags:\n    - exploratory-only   # why\n  # trailing comment\nsummary: A pilot study.\n"
        let result = try fixed(source, changedLines: [7])
        #expect(result.contains("    - exploratory-only   # why\n    - small-sample\n  # trailing comment\n"))
    }

    @Test func fixAddsTheKeyUnderTagsOrTheTagsBlock() throws {
        let underTags = try fixed("id: c\ntitle: T\ndesign: cohort\nsample_size: 30\ntags:\n    symptoms: [pain]\n", changedLines: [5])
        #expect(underTags.hasSuffix("tags:\n    method_flags: [small-sample]\n    symptoms: [pain]\n"))
        let noTags = try fixed("id: d\ntitle: T\ndesign: cohort\nsample_size: 30\n", changedLines: [4, 5])
        #expect(noTags.hasSuffix("sample_size: 30\ntags:\n  method_flags: [small-sample]\n"))
        let emptyList = try fixed("id: e\ntitle: T\ndesign: cohort\nsample_size: 30\ntags:\n  method_flags: []\n", changedLines: [5])
        #expect(emptyList.hasSuffix("  method_flags: [small-sample]\n"))
        let nullKey = try fixed("id: f\ntitle: T\ndesign: cohort\nsample_size: 30\ntags:\n  method_flags:   # none yet\n", changedLines: [5])
        #expect(nullKey.hasSuffix("  method_flags: [small-sample]  # none yet\n"))
    }

    static let misspelt = "id: m\ntitle: T\ndesign: Cohort   # as published\nsample_size: 30\n"

    @Test func theFindingsEditNotItsExcerptDrivesTheFix() throws {
        var report = Fixtures.audit(WorkflowTests.misspelt)
        let index = try #require(report.findings.firstIndex { $0.rule == "non-canonical-term" })
        let spelling = report.findings[index]
        #expect(spelling.location == SourceLocation(path: "entry.yaml", line: 3, column: 9))
        #expect(spelling.end == SourceLocation(path: "entry.yaml", line: 3, column: 15))
        #expect(spelling.fix?.edits.map(\.replacement) == ["cohort"])
        // Display fields say nothing the fixer uses: scramble them and the fix still lands.
        report.findings[index].excerpt = "Case Report"
        report.findings[index].field = nil
        let fixed = EntryFixer(vocabulary: Fixtures.pack.vocabulary).fix(report, source: WorkflowTests.misspelt)
        #expect(fixed.fixed.contains("design: cohort   # as published\n"))
        #expect(fixed.changes.first == "line 3: 'Cohort' → 'cohort'")
        // And the edit is what is written: another replacement (the same slug), another text.
        report.findings[index].fix?.edits[0].replacement = "'cohort'"
        #expect(EntryFixer(vocabulary: Fixtures.pack.vocabulary).fix(report, source: WorkflowTests.misspelt).fixed.contains("design: 'cohort'   # as published\n"))
        // One that would change what the entry says is refused when the fix is read back.
        report.findings[index].fix?.edits[0].replacement = "cross-sectional"
        let changing = EntryFixer(vocabulary: Fixtures.pack.vocabulary).fix(report, source: WorkflowTests.misspelt)
        #expect(!changing.changed && changing.changes == ["not changed: the fixed file would differ from the audited entry in design; fix it by hand"])
        // Without its fix the finding changes nothing, though its excerpt still names the spelling.
        for finding in report.findings.indices { report.findings[finding].fix = nil }
        report.missingFlags = []
        let untouched = EntryFixer(vocabulary: Fixtures.pack.vocabulary).fix(report, source: WorkflowTests.misspelt)
        #expect(!untouched.changed && untouched.changes.isEmpty)
    }

    @Test func anEditThatNoLongerLandsIsRefused() {
        let report = Fixtures.audit(WorkflowTests.misspelt)
        let changed = WorkflowTests.misspelt.replacingOccurrences(of: "title: T\n", with: "title: Two\n")
            .replacingOccurrences(of: "design: Cohort", with: "design: cohort")
        let fix = EntryFixer(vocabulary: Fixtures.pack.vocabulary).fix(report, source: changed)
        #expect(!fix.fixed.contains("Cohort"))
        // The respelling no longer lands, and the file is not the one audited: nothing is written.
        #expect(fix.fixed == changed)
        #expect(fix.changes == ["not changed: the fixed file would differ from the audited entry in title; fix it by hand"])
    }

    @Test func flagsThatCannotBeAddedSafelyAreRefusedWithAReason() {
        let inline = "id: i\ntitle: T\ndesign: cohort\nsample_size: 30\ntags: {symptoms: [pain]}\n"
        let fix = EntryFixer(vocabulary: Fixtures.pack.vocabulary).fix(Fixtures.audit(inline), source: inline)
        #expect(!fix.changed)
        #expect(fix.changes == ["not added small-sample: tags is written inline; add the flags by hand"])
        let alias = "id: s\ntitle: T\ndesign: cohort\nsample_size: 30\ntags:\n  other: &f [exploratory-only]\n  method_flags: *f\n"
        #expect(EntryFixer(vocabulary: Fixtures.pack.vocabulary).fix(Fixtures.audit(alias), source: alias).changes
            == ["not added small-sample: method_flags is an alias (*f); add the flags where its anchor is"])
    }

    /// libyaml breaks lines at CR, NEL, U+2028 and U+2029 too, and the fixer counts lines as it
    /// does: the respelling and the flag land where they belong, never in the list above.
    @Test(arguments: ["\u{2028}", "\u{2029}", "\u{85}"])
    func fixesLandOnTheLinesLibyamlCounts(separator: String) throws {
        let source = "id: u\ntitle: \"A\(separator)title\"\ndesign: Cohort\nsample_size: 30\ntags:\n  biomarkers: [x]\n  method_flags: [exploratory-only]\n"
        let fix = EntryFixer(vocabulary: Fixtures.pack.vocabulary).fix(Fixtures.audit(source), source: source)
        #expect(fix.changes == ["line 4: 'Cohort' → 'cohort'", "line 8: added small-sample to tags.method_flags"])
        #expect(fix.fixed == source.replacingOccurrences(of: "Cohort", with: "cohort")
            .replacingOccurrences(of: "[exploratory-only]", with: "[exploratory-only, small-sample]"))
        let study = try #require(Fixtures.load(fix.fixed).study)
        #expect(study.tags["biomarkers"]?.map(\.value) == ["x"])
    }

    /// A term listed twice (by slug, label or alias) is counted once and reported where it
    /// repeats; the fix removes the repeat from a flow list with its comma, or its whole line from
    /// a block list, and offers no respelling of it.
    @Test func repeatedTermsAreReportedAndTheFixRemovesThem() throws {
        let flow = "id: d\ntitle: T\ndesign: cohort\nsample_size: 300\npopulation: [me-cfs, ME/CFS]\ntags:\n  method_flags: [pem-not-defined, PEM Not Defined, weak-case-definition, pem-not-defined]\n"
        let report = Fixtures.audit(flow)
        let repeats = report.findings.filter { $0.rule == "duplicate-term" }
        #expect(repeats.map { [$0.location.line, $0.location.column] } == [[5, 22], [7, 35], [7, 74]])
        #expect(repeats.first?.message == "population 'me-cfs' is listed twice in population (first at line 5, column 14): remove this one")
        #expect(repeats.allSatisfy { $0.severity == .warning && $0.related.count == 1 })
        #expect(!report.findings.contains { $0.rule == "non-canonical-term" })
        #expect(report.declaredFlags == ["pem-not-defined", "weak-case-definition"])
        let fixedFlow = EntryFixer(vocabulary: Fixtures.pack.vocabulary).fix(report, source: flow).fixed
        #expect(fixedFlow.hasSuffix("population: [me-cfs]\ntags:\n  method_flags: [pem-not-defined, weak-case-definition]\n"))
        let block = "id: d\ntitle: T\ndesign: cohort\nsample_size: 300\ntags:\n  method_flags:\n    - pem-not-defined\n    - \"PEM Not Defined\"  \r\n    - weak-case-definition\n"
        let fixedBlock = EntryFixer(vocabulary: Fixtures.pack.vocabulary).fix(Fixtures.audit(block), source: block).fixed
        #expect(fixedBlock == block.replacingOccurrences(of: "    - \"PEM Not Defined\"  \r\n", with: ""))
        #expect(!Fixtures.audit(fixedBlock).findings.contains { $0.rule == "duplicate-term" })
        // The repeat is the last item and a flag is missing: the flag goes after the kept items.
        let last = "id: d\ntitle: T\ndesign: cohort\nsample_size: 30\ntags:\n  method_flags:\n    - exploratory-only\n    - EXPLORATORY_ONLY\n"
        let fixedLast = EntryFixer(vocabulary: Fixtures.pack.vocabulary).fix(Fixtures.audit(last), source: last)
        #expect(fixedLast.fixed == "id: d\ntitle: T\ndesign: cohort\nsample_size: 30\ntags:\n  method_flags:\n    - exploratory-only\n    - small-sample\n", "\(fixedLast.changes)")
    }

    /// Text the fixer writes ends its lines with LF: a file that ends them with a CR alone
    /// takes respellings, which stay on their line, but no new flags.
    @Test func flagsAreNotAddedToFilesThatEndLinesWithCR() {
        let crOnly = "id: c\rtitle: T\rdesign: Cohort\rsample_size: 30\r"
        let crFix = EntryFixer(vocabulary: Fixtures.pack.vocabulary).fix(Fixtures.audit(crOnly), source: crOnly)
        #expect(crFix.fixed == crOnly.replacingOccurrences(of: "Cohort", with: "cohort"))
        #expect(crFix.changes == [
            "line 3: 'Cohort' → 'cohort'",
            "not added small-sample: the file breaks a line with a carriage return alone, which --fix does not edit; add the flags by hand",
        ])
    }

    /// A flow list whose bracket closes on a line of its own keeps that layout, and an anchored
    /// list takes the flags after its anchor.
    @Test func fixKeepsMultiLineAndAnchoredFlowLists() throws {
        let multiLine = "id: m\ntitle: T\ndesign: cohort\nsample_size: 30\ntags:\n  method_flags: [\n    exploratory-only,  # why\n    pem-defined\n  ]\n"
        let result = try fixed(multiLine, changedLines: [7])
        #expect(result.hasSuffix("    exploratory-only,  # why\n    pem-defined, small-sample\n  ]\n"))
        let trailingComma = "id: m\ntitle: T\ndesign: cohort\nsample_size: 30\ntags:\n  method_flags: [\n    exploratory-only,\n  ]\n"
        #expect(try fixed(trailingComma, changedLines: [6]).hasSuffix("    exploratory-only, small-sample\n  ]\n"))
        let anchored = "id: a\ntitle: T\ndesign: cohort\nsample_size: 30\ntags:\n  method_flags: &f [exploratory-only]\n"
        #expect(try fixed(anchored, changedLines: [5]).hasSuffix("  method_flags: &f [exploratory-only, small-sample]\n"))
    }

    /// A fix is read back before it is kept: one that would leave invalid YAML or move the
    /// flags elsewhere is refused, and the file stays as it was.
    @Test(arguments: [
        "tags:\n  method_flags:\n    [pem-defined]\n",   // a flow list on the line after its key
        "tags:\n  {symptoms: [pain]}\n",                  // tags as a flow mapping on its own line
        "...\n",                                           // a document end marker before the end
    ])
    func aFixThatWouldBreakTheEntryIsRefused(tail: String) {
        let source = "id: r\ntitle: T\ndesign: cohort\nsample_size: 30\n" + tail
        let fix = EntryFixer(vocabulary: Fixtures.pack.vocabulary).fix(Fixtures.audit(source), source: source)
        #expect(fix.fixed == source)
        #expect(fix.changes.count == 1 && fix.changes[0].hasPrefix("not changed: the fixed file would not"))
    }

    @Test func fixKeepsWindowsLineEndings() throws {
        let source = "id: w\r\ntitle: T\r\ndesign: cohort\r\nsample_size: 30\r\n"
        let result = try fixed(source, changedLines: [4, 5])
        #expect(result == source + "tags:\r\n  method_flags: [small-sample]\r\n")
    }

    @Test func fixNeverTouchesFilesWithErrors() {
        let source = "id: g\ntitle: T\ndesign: rct\nsample_size: 30\ntags:\n  method_flags: [no-randomization]\n"
        let fix = EntryFixer(vocabulary: Fixtures.pack.vocabulary).fix(Fixtures.audit(source), source: source)
        #expect(fix.skipped != nil)
        #expect(fix.fixed == source)
    }

    @Test func dryRunDiffShowsOnlyTheChange() {
        let diff = UnifiedDiff.render(old: "a\nb\nc\n", new: "a\nB\nc\n", path: "x.yaml")
        #expect(diff == "--- a/x.yaml\n+++ b/x.yaml\n@@ -1,3 +1,3 @@\n a\n-b\n+B\n c\n")
        #expect(UnifiedDiff.render(old: "same\n", new: "same\n", path: "x.yaml").isEmpty)
        #expect(UnifiedDiff.render(old: "a", new: "b", path: "x.yaml")
            == "--- a/x.yaml\n+++ b/x.yaml\n@@ -1,1 +1,1 @@\n-a\n\\ No newline at end of file\n+b\n\\ No newline at end of file\n")
        #expect(PathText.shown("/work/atlas/seeds/x.yaml", from: "/work/atlas") == "seeds/x.yaml")
        #expect(PathText.shown("/elsewhere/x.yaml", from: "/work/atlas") == "/elsewhere/x.yaml")
    }

    /// `check --fix --dry-run | git apply` is how an editor takes a preview: each patch, applied
    /// by git to the file it was made from, gives the fixed text byte for byte.
    @Test(arguments: [
        ("a\nb\nc\n", "a\nB\nc\n"),
        ("tags:\n  method_flags: [x]", "tags:\n  method_flags: [x, y]"),
        ("id: a\r\ntags:\r\n  method_flags: [x]\r\n", "id: a\r\ntags:\r\n  method_flags: [x, y]\r\n"),
        ("id: a\ndesign: cohort\n", "id: a\ndesign: cohort\ntags:\n  method_flags: [small-sample]\n"),
        ((1...20).map { "line \($0)\n" }.joined(), (1...20).map { $0 == 2 || $0 == 19 ? "LINE \($0)\n" : "line \($0)\n" }.joined()),
        ("", "id: a\n"),
    ])
    func dryRunDiffIsAPatchGitApplies(old: String, new: String) throws {
        let directory = try Fixtures.directory(["x.yaml": Array(old.utf8)])
        defer { Fixtures.remove(directory) }
        let patch = UnifiedDiff.render(old: old, new: new, path: "x.yaml")
        let git = Process()
        git.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        git.arguments = ["git", "apply", "--whitespace=nowarn", "-"]
        git.currentDirectoryURL = URL(fileURLWithPath: directory)
        let input = Pipe()
        git.standardInput = input
        try git.run()
        input.fileHandleForWriting.write(Data(patch.utf8))
        try input.fileHandleForWriting.close()
        git.waitUntilExit()
        #expect(git.terminationStatus == 0, "git apply refused:\n\(patch)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: directory + "/x.yaml")) == Data(new.utf8))
    }

    @Test func configurationDisablesOverridesAndValidates() throws {
        let directory = try Fixtures.directory([
            "good.yml": Array("disabled_rules: [small-sample-primary]\nseverity:\n  causal-language-correlational: error\nfail_on: warning\nexclude: [./drafts]\n".utf8),
            "typo.yml": Array("disabled_rules: [small-sampel-primary]\n".utf8),
            "key.yml": Array("fail-on: warning\n".utf8),
        ])
        defer { Fixtures.remove(directory) }
        let configuration = try Configuration.load(directory + "/good.yml")
        #expect(configuration.failOn == .some(.warning))
        #expect(configuration.exclude.map(\.description) == ["./drafts"])
        let pack = try configuration.apply(to: Fixtures.pack)
        #expect(pack.rule("small-sample-primary") == nil)
        #expect(pack.rule("causal-language-correlational")?.severity == .error)
        do {
            _ = try Configuration.load(directory + "/typo.yml").apply(to: Fixtures.pack)
            Issue.record("accepted an unknown rule")
        } catch {
            #expect(error.diagnostics.map(\.description) == [
                "\(directory)/typo.yml:1:18: error: unknown rule 'small-sampel-primary'; did you mean 'small-sample-primary'?",
            ])
        }
        #expect(throws: DiagnosticError.self) { try Configuration.load(directory + "/key.yml") }
    }

    /// A UTF-8 byte order mark is accepted, counted in no column, and kept by --fix.
    @Test func aByteOrderMarkIsIgnoredAndKept() throws {
        let source = "\u{FEFF}id: bom\ntitle: T\ndesign: Cohort\nsample_size: 30\n"
        let report = Fixtures.audit(source)
        #expect(!report.findings.contains { $0.severity == .error })
        let spelling = try #require(report.findings.first { $0.rule == "non-canonical-term" })
        #expect(spelling.location.line == 3 && spelling.location.column == 9)
        let fix = EntryFixer(vocabulary: Fixtures.pack.vocabulary).fix(report, source: source)
        #expect(fix.fixed == "\u{FEFF}id: bom\ntitle: T\ndesign: cohort\nsample_size: 30\ntags:\n  method_flags: [small-sample]\n")
        let idLine = Fixtures.load("\u{FEFF}id: Bad Id\ntitle: T\n").diagnostics.first?.location
        #expect(idLine.map { [$0.line, $0.column] } == [1, 5])
    }

    @Test func aFileNamedTwiceIsAuditedOnce() throws {
        let directory = try Fixtures.directory(["d/a.yaml": Array(Fixtures.minimalEntry.utf8)])
        defer { Fixtures.remove(directory) }
        let files = EntryDiscovery().files(under: [directory + "/d", directory + "/d/a.yaml", directory + "/./d//a.yaml"]).files
        #expect(files == [directory + "/d/a.yaml"])
    }

    @Test func excludedPathsAreSkipped() throws {
        let directory = try Fixtures.directory([
            "keep/a.yaml": Array(Fixtures.minimalEntry.utf8), "drafts/b.yaml": Array(Fixtures.minimalEntry.utf8),
        ])
        defer { Fixtures.remove(directory) }
        let exclusion = Exclusion(root: directory, patterns: [PathPattern("drafts")], currentFolder: "/")
        let files = EntryDiscovery(exclusion: exclusion).files(under: [directory]).files
        #expect(files == [directory + "/keep/a.yaml"])
    }
}
