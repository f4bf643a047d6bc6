import FlagAuditEvaluation
import FlagAuditModel
import FlagAuditReporting
import FlagAuditScreening
import FlagAuditText
import Foundation
import Testing

@Suite("compare and eval exaggeration")
struct CompareTests {
    @Test func verdictsFollowTheStrengthsWhenTheClassifierIsRight() async throws {
        // Pairs whose strengths are labelled: scored from those labels, the comparison alone decides.
        let pairs = try ExaggerationEvaluation.read(Fixtures.root + "/Tests/Fixtures/exaggeration-pairs.csv")
        #expect(Set(pairs.map(\.label)) == Set(ClaimComparison.Verdict.allCases))
        let result = await ExaggerationEvaluation.evaluate(pairs, with: Fixtures.pack.claimClassifier)
        let labelled = try #require(result.fromLabelledStrengths)
        #expect(labelled.macroF1 >= 0.80)
        #expect(result.endToEnd.total == pairs.count && result.strengths?.total == 2 * pairs.count)
        // End to end, as good as the classifier (the linear model of the test pack) allows.
        #expect(result.endToEnd.macroF1 >= 0.8)
        #expect(ClaimComparison.verdict(press: .directCausal, study: .correlational) == .exaggerates)
        #expect(ClaimComparison.verdict(press: .correlational, study: .conditionalCausal) == .downplays)
        #expect(ClaimComparison.verdict(press: .none, study: .none) == .same)
    }

    @Test func aPairFileWithAnUnknownLabelIsRefusedAtItsRow() throws {
        let directory = try Fixtures.directory(["pairs.csv": Array("press,study,label\nA causes B.,A is linked to B.,exaggerates\nA.,B.,overstated\n".utf8)])
        defer { Fixtures.remove(directory) }
        #expect(throws: FileError.self) { try ExaggerationEvaluation.read(directory + "/pairs.csv") }
        do { _ = try ExaggerationEvaluation.read(directory + "/pairs.csv") } catch { #expect(error.location.line == 3) }
    }

    @Test func comparePrintsEachSentenceAndPathOnOneLine() {
        let screener = Screener(pack: Fixtures.pack)
        let press = "Poor sleep\n::error file=x::spoof causes fatigue.\nverdict: same (fake)\n"
        let comparison = TextComparison(press: ("a\nverdict: same.txt", press), study: ("s.txt", "Sleep was associated with fatigue."), screener: screener)
        let text = ComparisonReport.text(comparison)
        #expect(text.components(separatedBy: "\n").filter { $0.hasPrefix("verdict:") }.count == 1)
        #expect(!text.contains("\n::error") && text.hasPrefix("press: a verdict: same.txt"))
    }

    @Test func rawPressTextsAreComparedWithTheirDraftedStudies() throws {
        let screener = Screener(pack: Fixtures.pack)
        func read(_ name: String) throws -> (String, String) {
            let path = Fixtures.seedsDirectory + "/" + name
            return (path, try String(contentsOfFile: path, encoding: .utf8))
        }
        let mair = TextComparison(
            press: try read("raw/004-news-mair-fibromyalgia.txt"), study: try read("studies/mair-fibromyalgia-trial.txt"), screener: screener)
        #expect(mair.verdict == "exaggerates" && mair.press.kind == .news)
        #expect(mair.press.claim?.strength == .directCausal && mair.press.claim?.sentence.text.contains("Effective Treatment") == true)
        #expect(mair.study.claim?.strength == .conditionalCausal && mair.study.claim?.sentence.text.contains("may reduce") == true)
        let json = try JSONSerialization.jsonObject(with: Data(ComparisonReport.json(mair).utf8)) as? [String: Any]
        #expect(json?["verdict"] as? String == "exaggerates")
        #expect((json?["press"] as? [String: Any])?["strength"] as? String == "direct-causal")
        #expect(((json?["study"] as? [String: Any])?["claim"] as? String)?.contains("may reduce") == true)

        let dmn = TextComparison(
            press: try read("raw/001-news-dmn-back-pain.txt"), study: try read("studies/dmn-years-back-pain-study.txt"), screener: screener)
        #expect(dmn.verdict == "exaggerates" && dmn.study.claim?.strength == .correlational)

        let empty = TextComparison(press: try read("raw/001-news-dmn-back-pain.txt"), study: ("empty.txt", ""), screener: screener)
        #expect(empty.verdict == "cannot-judge" && empty.study.claim == nil)
    }
}
