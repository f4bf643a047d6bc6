@testable import FlagAuditEngine
import FlagAuditLoading
import FlagAuditModel
import FlagAuditReporting
import FlagAuditText
import Foundation
import Testing

@Suite("Press versus study")
struct PressComparisonTests {
    /// A press entry and the study entry it reports on, audited as a set: the press file sorts
    /// first, so its study is found only by looking ahead of the stream.
    static func auditPair(press: String, study: String) async throws -> (press: StudyReport, study: StudyReport) {
        let directory = try Fixtures.directory(["a-press.yaml": Array(press.utf8), "z-study.yaml": Array(study.utf8)])
        defer { Fixtures.remove(directory) }
        let files = EntryDiscovery().files(under: [directory]).files
        let report = await Fixtures.auditor.audit(files: files)
        return (report.studies[0], report.studies[1])
    }

    static func press(title: String, reportsOn: String = "sleep-cohort-2024") -> String {
        """
        id: sleep-news-2024
        title: "\(title)"
        source: news
        design: news
        reports_on: "\(reportsOn)"

        """
    }

    static func study(conclusion: String, design: String = "cohort", extra: String = "") -> String {
        """
        id: sleep-cohort-2024
        title: A cohort study of sleep and fatigue in long COVID
        design: \(design)
        doi: 10.1000/Sleep.Cohort
        pmid: 31415926
        \(extra)conclusions:
          - "\(conclusion)"

        """
    }

    static func exaggerations(_ report: StudyReport) -> [Finding] { report.findings.filter { $0.rule == "press-exaggerates-study" } }

    @Test func aCausalHeadlineAboutACorrelationIsFlaggedWithBothSentences() async throws {
        let (press, study) = try await PressComparisonTests.auditPair(
            press: PressComparisonTests.press(title: "Poor sleep causes fatigue in long COVID"),
            study: PressComparisonTests.study(conclusion: "Poor sleep was associated with more fatigue in long COVID."))
        let found = try #require(PressComparisonTests.exaggerations(press).first)
        #expect(found.field == "title" && found.location.line == 2 && found.flag == "exaggerated-reporting")
        #expect(found.excerpt == "Poor sleep causes fatigue in long COVID")
        #expect(found.message.contains("direct-causal against correlational"))
        #expect(found.message.contains("'Poor sleep was associated with more fatigue in long COVID.'"))
        let other = try #require(found.counterpart)
        #expect(other.study == "sleep-cohort-2024" && other.field == .conclusions && other.strength == "correlational")
        #expect(other.location.path.hasSuffix("z-study.yaml") && other.location.line == 7)
        #expect(found.related == [other.location])
        #expect(press.missingFlags.contains("exaggerated-reporting"))
        #expect(PressComparisonTests.exaggerations(study).isEmpty)
        // Every output format carries both sentences: the message holds them, JSON and SARIF place the other.
        let audit = AuditReport(studies: [press])
        let json = JSONReporter().render(audit)
        #expect(json.contains("\"compared_with\"") && json.contains("\"strength\": \"correlational\""))
        let sarif = SARIFReporter(rules: RuleDescriptor.catalog(of: Fixtures.pack)).render(audit)
        #expect(sarif.contains("\"relatedLocations\"") && sarif.contains("z-study.yaml"))
        #expect(TextReporter().render(study: press).contains("| against "))
    }

    @Test func aDroppedHedgeIsAnExaggerationAndTheSameStrengthIsNot() async throws {
        let dropped = try await PressComparisonTests.auditPair(
            press: PressComparisonTests.press(title: "Pacing reduces relapses in ME/CFS"),
            study: PressComparisonTests.study(conclusion: "Pacing may reduce relapses in ME/CFS.", design: "rct"))
        #expect(PressComparisonTests.exaggerations(dropped.press).count == 1)
        let same = try await PressComparisonTests.auditPair(
            press: PressComparisonTests.press(title: "Pacing may reduce relapses in ME/CFS"),
            study: PressComparisonTests.study(conclusion: "Pacing may reduce relapses in ME/CFS.", design: "rct"))
        #expect(PressComparisonTests.exaggerations(same.press).isEmpty)
        #expect(same.press.findings.allSatisfy { $0.rule != BuiltinCheck.unresolvedLink.rawValue })
        let downplayed = try await PressComparisonTests.auditPair(
            press: PressComparisonTests.press(title: "Pacing is linked to fewer relapses"),
            study: PressComparisonTests.study(conclusion: "Pacing reduced relapses compared with usual care.", design: "rct"))
        #expect(PressComparisonTests.exaggerations(downplayed.press).isEmpty)
        #expect(downplayed.press.findings.allSatisfy { $0.rule != BuiltinCheck.unresolvedLink.rawValue })
    }

    @Test(arguments: [
        "reports_on: x", "id: a\nreports_on: x\n", "a_b_c reports_on", "reports_o", "_reports_on_", "eports_on", "review_status: x\nsample_size: 4",
        "reports_on", "xreports_onx", "report_on", "", "_", "reports__on", "reports_onreports_on",
    ])
    func theLookAheadSeesAReportsOnKeyAsASearchWould(text: String) {
        // The set is scanned for the key before the audit: the fast scan agrees with a plain search.
        #expect(Auditor.mentionsLink(Array(text.utf8)) == text.contains("reports_on"))
    }

    @Test func aStudyIsNamedByDOIIgnoringCaseOrByPMID() async throws {
        for reference in ["10.1000/sleep.cohort", "https://doi.org/10.1000/SLEEP.COHORT", "31415926", "pmid:31415926"] {
            let (press, _) = try await PressComparisonTests.auditPair(
                press: PressComparisonTests.press(title: "Poor sleep causes fatigue in long COVID", reportsOn: reference),
                study: PressComparisonTests.study(conclusion: "Poor sleep was associated with more fatigue."))
            #expect(PressComparisonTests.exaggerations(press).count == 1, "\(reference)")
        }
    }

    @Test func linksThatResolveToNoOtherEntryAreLocatedErrors() async throws {
        func linkErrors(_ report: StudyReport) -> [Finding] { report.findings.filter { $0.rule == BuiltinCheck.unresolvedLink.rawValue } }
        let typo = try await PressComparisonTests.auditPair(
            press: PressComparisonTests.press(title: "Sleep and fatigue", reportsOn: "sleep-cohort-2042"),
            study: PressComparisonTests.study(conclusion: "Sleep was associated with fatigue."))
        let error = try #require(linkErrors(typo.press).first)
        #expect(error.severity == .error && error.field == "reports_on" && error.location.line == 5 && error.excerpt == "sleep-cohort-2042")
        #expect(error.message.contains("did you mean 'sleep-cohort-2024'?"))
        #expect(typo.press.findings.count { $0.severity == .error } == 1)

        let itself = try await PressComparisonTests.auditPair(
            press: PressComparisonTests.press(title: "Sleep and fatigue", reportsOn: "sleep-news-2024"),
            study: PressComparisonTests.study(conclusion: "Sleep was associated with fatigue."))
        #expect(linkErrors(itself.press).first?.message.contains("this entry itself") == true)

        // Two entries that share a DOI: the reference does not say which.
        let directory = try Fixtures.directory([
            "a.yaml": Array(PressComparisonTests.press(title: "Sleep and fatigue", reportsOn: "10.1000/sleep.cohort").utf8),
            "b.yaml": Array(PressComparisonTests.study(conclusion: "Sleep was associated with fatigue.").utf8),
            "c.yaml": Array(PressComparisonTests.study(conclusion: "Sleep was associated with fatigue.").replacingOccurrences(of: "id: sleep-cohort-2024", with: "id: sleep-cohort-copy").utf8),
        ])
        defer { Fixtures.remove(directory) }
        let report = await Fixtures.auditor.audit(files: EntryDiscovery().files(under: [directory]).files)
        #expect(linkErrors(report.studies[0]).first.map { $0.message.contains("b.yaml, ") && $0.message.contains("c.yaml): name the study by its entry's id") } == true)

        // Written as none of an id, a DOI or a PMID: a schema error where it is written.
        let malformed = Fixtures.audit(PressComparisonTests.press(title: "Sleep", reportsOn: "Sleep Cohort (2024)"))
        #expect(malformed.findings.contains { $0.rule == "schema" && $0.location.line == 5 && $0.message.contains("reports_on") })
    }

    @Test func animalAndPilotStudiesAreExaggeratedWhenThePressDoesNotSaySo() async throws {
        let animal = PressComparisonTests.study(conclusion: "The drug improved nerve pain in rats.", design: "animal")
        let silent = try await PressComparisonTests.auditPair(press: PressComparisonTests.press(title: "The drug improves nerve pain"), study: animal)
        #expect(PressComparisonTests.exaggerations(silent.press).first?.message.contains("animals or cells") == true)
        let said = try await PressComparisonTests.auditPair(press: PressComparisonTests.press(title: "The drug improves nerve pain in rats"), study: animal)
        #expect(PressComparisonTests.exaggerations(said.press).isEmpty && said.press.findings.allSatisfy { $0.severity != .error })
        // Hedged, the claim of an effect still reads as one in people.
        let hedged = try await PressComparisonTests.auditPair(press: PressComparisonTests.press(title: "The drug may improve nerve pain"), study: animal)
        #expect(PressComparisonTests.exaggerations(hedged.press).first?.message.contains("animals or cells") == true)

        let pilot = PressComparisonTests.study(
            conclusion: "Pacing reduced relapses in ME/CFS.", design: "rct", extra: "summary: A pilot study of pacing in 30 patients.\n")
        let proof = try await PressComparisonTests.auditPair(press: PressComparisonTests.press(title: "Pacing reduces relapses in ME/CFS"), study: pilot)
        #expect(PressComparisonTests.exaggerations(proof.press).first?.message.contains("pilot or preliminary") == true)
        let told = try await PressComparisonTests.auditPair(
            press: PressComparisonTests.press(title: "Pacing reduces relapses in ME/CFS, a pilot study suggests"), study: pilot)
        #expect(PressComparisonTests.exaggerations(told.press).isEmpty && told.press.findings.allSatisfy { $0.severity != .error })
    }

    @Test func aDuplicatedIdIsAmbiguousAndNamingOneselfIsRefusedEvenThen() async throws {
        let study = PressComparisonTests.study(conclusion: "Sleep was associated with fatigue.")
        let directory = try Fixtures.directory([
            "a.yaml": Array(PressComparisonTests.press(title: "Sleep causes fatigue").utf8),
            "b.yaml": Array(study.utf8), "c.yaml": Array(study.utf8),
            // Names its own id, which another entry also has.
            "d.yaml": Array(PressComparisonTests.press(title: "Sleep causes fatigue", reportsOn: "sleep-news-2025").replacingOccurrences(of: "id: sleep-news-2024", with: "id: sleep-news-2025").utf8),
            "e.yaml": Array("id: sleep-news-2025\ntitle: Another entry with the id\n".utf8),
        ])
        defer { Fixtures.remove(directory) }
        let report = await Fixtures.auditor.audit(files: EntryDiscovery().files(under: [directory]).files)
        let ambiguous = report.studies[0].findings.first { $0.rule == BuiltinCheck.unresolvedLink.rawValue }
        #expect(ambiguous?.message.contains("b.yaml") == true && ambiguous?.message.contains("c.yaml") == true)
        #expect(ambiguous?.message.contains("an id of its own") == true)
        #expect(report.studies[3].findings.contains { $0.rule == BuiltinCheck.unresolvedLink.rawValue && $0.message.contains("this entry itself") })
        #expect(PressComparisonTests.exaggerations(report.studies[3]).isEmpty)
    }

    @Test func anAllDigitIdIsNamedAsWritten() async throws {
        let (press, _) = try await PressComparisonTests.auditPair(
            press: PressComparisonTests.press(title: "Poor sleep causes fatigue", reportsOn: "20240101"),
            study: PressComparisonTests.study(conclusion: "Poor sleep was associated with fatigue.").replacingOccurrences(of: "id: sleep-cohort-2024", with: "id: \"20240101\""))
        #expect(PressComparisonTests.exaggerations(press).count == 1)
    }

    @Test func theStudysConclusionIsReadFromItsHeadingAndOnlyChosenSentencesAreClassified() throws {
        // A study entry without `conclusions`: its text's conclusion section decides.
        let study = Fixtures.load("""
            id: s
            title: T
            design: cohort
            findings: ["Sleep loss led to fatigue in the subgroup."]
            text: "Methods: We followed 200 adults. Results: Sleep loss went with fatigue. Conclusions: Sleep loss was associated with fatigue. Trials are needed."

            """).study!
        var analysis = Fixtures.auditor.analyze(study, complete: false)
        let chosen = analysis.conclusionSentences()
        #expect(chosen.first?.text.hasPrefix("Conclusions: Sleep loss was associated") == true && chosen.count == 2)
        #expect(ClaimComparison.mainClaim(among: chosen)?.strength == .correlational)

        // A long press text: the lead and a bounded number of reporting sentences are classified, no more.
        let body = (1...300).map { "Sentence \($0) says the study found that sleep matters." }.joined(separator: " ")
        var press = Fixtures.auditor.analyze(Fixtures.load("id: p\ntitle: Sleep news\ntext: \"\(body)\"\n").study!, complete: false)
        _ = press.pressClaimSentences()
        let classified = (press.sentences[.text] ?? []).filter { $0.claim != nil }.count
        let lexicon = Fixtures.pack.lexicon.comparison
        #expect(classified == lexicon.leadSentences + lexicon.reportingSentences)
    }

    @Test func aRuleExampleWhoseLinkDoesNotResolveIsRefused() throws {
        let pack = try Fixtures.directory([
            "vocabulary.yaml": Array(try String(contentsOfFile: Fixtures.rulesDirectory + "/vocabulary.yaml", encoding: .utf8).utf8),
            "lexicon.yaml": Array(try String(contentsOfFile: Fixtures.rulesDirectory + "/lexicon.yaml", encoding: .utf8).utf8),
            "press.yaml": Array("""
                rules:
                  - id: press-test
                    severity: warning
                    summary: S
                    message: M
                    rationale: R
                    when:
                      linked_study: {verdict: exaggerates}
                    examples:
                      triggering:
                        - {title: "A causes B", reports_on: study-a, linked_study: {id: study-a, conclusions: ["A is linked to B."]}}
                      non_triggering:
                        - {title: "A causes B", reports_on: study-typo, linked_study: {id: study-a, conclusions: ["A is linked to B."]}}

                """.utf8),
        ])
        defer { Fixtures.remove(pack) }
        do {
            _ = try RulePackLoader(claimModel: .lexicon).load(directory: pack)
            Issue.record("a pack whose example links nothing was loaded")
        } catch {
            #expect(error.diagnostics.contains { $0.message.contains("must name its linked_study") && $0.location.line == 13 })
        }
    }

    @Test func theSeedNewsEntriesAreFlaggedAgainstTheirStudies() async {
        let files = EntryDiscovery().files(under: [Fixtures.seedsDirectory]).files
        let report = await Fixtures.auditor.audit(files: files)
        for (news, study) in [("news-dmn-back-pain-2024", "dmn-years-back-pain-study"), ("news-mair-fibromyalgia", "mair-fibromyalgia-trial")] {
            let entry = report.studies.first { $0.id == news }
            let found = entry.map(PressComparisonTests.exaggerations) ?? []
            #expect(found.count == 1 && found.first?.counterpart?.study == study, "\(news)")
        }
        // The reviewers' report shows the two sentences side by side.
        let quality = QualityReport(audit: report, pack: Fixtures.pack)
        let html = HTMLReport(report: quality).render()
        #expect(html.components(separatedBy: "<div class=\"compare\">").count - 1 == 2)
        #expect(html.contains("mair-fibromyalgia-trial · conditional-causal"))
        #expect(MarkdownQualityReport(report: quality).render().contains("against mair-fibromyalgia-trial (conditional-causal): MAIR may reduce"))
    }
}
