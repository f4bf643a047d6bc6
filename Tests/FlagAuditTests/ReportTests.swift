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

@Suite("Quality reports")
struct ReportTests {
    static func seedReport() async -> QualityReport {
        QualityReport(audit: await FormatTests.seedReport(), pack: Fixtures.pack)
    }

    @Test func htmlIsSelfContainedWithChartsAndEveryStudy() async {
        let report = await ReportTests.seedReport()
        let html = HTMLReport(report: report).render()
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.contains("data-chart=\"flag-frequency\""))
        #expect(html.contains("data-chart=\"levels-by-design\""))
        #expect(html.components(separatedBy: "<article class=\"study\"").count - 1 == 7)
        // Self-contained: nothing is loaded from elsewhere.
        #expect(!html.contains("<link") && !html.contains("src=\"http") && !html.contains("@import"))
        // Charts describe themselves for screen readers.
        #expect(html.contains("role=\"img\" aria-labelledby=\"flag-chart-title flag-chart-desc\""))
        #expect(html.contains("<mark>led to</mark>"))
        #expect(HTMLReport(report: report).render() == html)
    }

    @Test func matrixStatesFollowTheFlagBookkeeping() async throws {
        let report = await ReportTests.seedReport()
        let twisk = try #require(report.audit.studies.first { $0.id == "twisk-2009-cbt-get-review" })
        #expect(report.state(twisk, "pem-defined") == .unsupported)
        #expect(report.state(twisk, "pem-not-defined") == .confirmed)
        #expect(report.state(twisk, "causal-language") == .missing)
        #expect(report.state(twisk, "small-sample") == QualityReport.FlagState.none)
        let frequency = try #require(report.flagFrequency.first { $0.flag.slug == "causal-language" })
        #expect(frequency.declared == 0 && frequency.suggested == 3)
        let levels = report.levelsByDesign
        let narrative = try #require(levels.rows.first { $0.design == "review-narrative" })
        #expect(narrative.counts[levels.levels.firstIndex(of: "E0")!] == 1)
    }

    @Test func entryTextIsEscaped() {
        let hostile = Fixtures.audit("id: x\ntitle: \"<script>alert(1)</script>\"\ndesign: cohort\nsample_size: 3\nfindings:\n  - \"<img src=x onerror=alert(1)> causes harm\"\n")
        let report = QualityReport(audit: AuditReport(studies: [hostile]), pack: Fixtures.pack)
        let html = HTMLReport(report: report).render()
        #expect(!html.contains("<script>alert"))
        #expect(!html.contains("<img src=x"))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        let markdown = MarkdownQualityReport(report: report).render()
        #expect(!markdown.contains("<script>"))
    }

    @Test func reportsWrittenStudyByStudyEqualTheCollectedOnes() async {
        // As `flagaudit report` writes them: each study's pieces from a report that holds no
        // studies, the openings and charts from the tally of the whole set.
        let collected = await ReportTests.seedReport()
        let empty = QualityReport(tally: QualityTally(), pack: Fixtures.pack)
        var tally = QualityTally()
        var rows = "", cards = "", markdownRows = "", sections = ""
        for study in collected.audit.studies {
            tally.add(study)
            rows += HTMLReport(report: empty).matrixRow(study)
            cards += HTMLReport(report: empty).card(study)
            markdownRows += MarkdownQualityReport(report: empty).row(study)
            sections += MarkdownQualityReport(report: empty).section(study)
        }
        let counted = QualityReport(tally: tally, pack: Fixtures.pack)
        let html = HTMLReport(report: counted).opening() + rows + HTMLReport(report: counted).middle() + cards + HTMLReport(report: counted).closing()
        #expect(html == HTMLReport(report: collected).render())
        let markdown = MarkdownQualityReport(report: counted).opening() + markdownRows + MarkdownQualityReport(report: counted).middle() + sections
        #expect(markdown == MarkdownQualityReport(report: collected).render())
        #expect(tally.studies == 7 && tally.count(.error) == collected.audit.count(.error))
    }

    @Test func markdownTwinHasTheSameSections() async {
        let markdown = MarkdownQualityReport(report: await ReportTests.seedReport()).render()
        for heading in ["# FlagAudit quality report", "## Study by flag", "## Flag frequency", "## Evidence level by design", "## Studies"] {
            #expect(markdown.contains(heading + "\n"), "\(heading)")
        }
        #expect(markdown.contains("| twisk-2009-cbt-get-review | ? | ✓ | ✓ |"))
    }
}

@Suite("The reviewers' report, complete and at scale")
struct CompleteReportTests {
    static let silenced = """
        id: silenced
        title: A silenced causal claim
        design: cohort
        population: [long-covid]
        sample_size: 30
        findings: Sleep loss causes fatigue in long COVID.
        audit:
          ignore:
            - rule: causal-language-correlational
              reason: quoted from the authors
        tags:
          method_flags: [small-sample]

        """

    private func report(_ studies: [StudyReport]) -> QualityReport {
        var report = QualityReport(audit: AuditReport(studies: studies), pack: Fixtures.pack)
        report.provenance = "Generated 2026-12-04 by flagaudit; entries from seeds."
        return report
    }

    /// A card shows the evidence behind a confirmed flag (where the matrix's ✓ links), what the
    /// entry silenced and why, and each finding's rule reference; the page names its provenance.
    @Test func aCardShowsEvidenceSilencedFindingsAndReferences() throws {
        let study = Fixtures.audit(Self.silenced)
        let html = HTMLReport(report: report([study])).render()
        #expect(html.contains("<p class=\"provenance\">Generated 2026-12-04 by flagaudit; entries from seeds.</p>"))
        #expect(html.contains("<h4>Silenced in the entry</h4>"))
        #expect(html.contains("“quoted from the authors”"))
        #expect(html.contains("<h4>Evidence for its declared flags</h4>"))
        #expect(html.contains("<li id=\"study-silenced~small-sample\">"))
        #expect(html.contains("<a href=\"#study-silenced~small-sample\">✓</a>"))
        #expect(html.contains("<p class=\"reference\">Reference: "))
        let markdown = MarkdownQualityReport(report: report([study])).render()
        #expect(markdown.contains("reason: quoted from the authors"))
    }

    /// Paged, each study is one JSON element with its card, its matrix states and what the
    /// filters read; no study's text can close the data's script element.
    @Test func aPagedReportHoldsEachStudyAsData() throws {
        var hostile = Fixtures.audit("id: x\ntitle: \"</script><script>alert(1)</script>\"\ndesign: cohort\nsample_size: 3\n")
        hostile.path = "entries/x.yaml"
        let studies = [Fixtures.audit(Self.silenced), hostile]
        let page = HTMLReport(report: report(studies), paged: true)
        let html = page.render()
        #expect(!html.contains("</script><script>alert"))
        #expect(html.components(separatedBy: "<article class=\"study\"").count == 1)
        let start = try #require(html.range(of: "<script type=\"application/json\" id=\"report-data\">"))
        let end = try #require(html.range(of: "</script>", range: start.upperBound..<html.endIndex))
        let items = try #require(try JSONSerialization.jsonObject(with: Data(html[start.upperBound..<end.lowerBound].utf8)) as? [[String: Any]])
        #expect(items.count == 2)
        let fields = try #require(items[0]["f"] as? [String: String])
        #expect(fields["design"] == "cohort" && fields["anchor"] == "study-silenced")
        let states = try #require(items[0]["s"] as? String)
        let flags = Fixtures.pack.vocabulary.terms(in: .methodFlags).map(\.slug)
        #expect(states.count == flags.count)
        #expect(states[states.index(states.startIndex, offsetBy: flags.firstIndex(of: "small-sample")!)] == "c")
        #expect((items[1]["c"] as? String)?.contains("&lt;/script&gt;") == true)
        #expect(HTMLReport.pages(HTMLReport.inlineLimit + 1) && !HTMLReport.pages(HTMLReport.inlineLimit))
    }

    /// CSV for spreadsheets: RFC 4180 quoting, and no cell a spreadsheet would run as a formula.
    @Test func csvQuotesAndDisarmsFormulas() {
        #expect(CSVReport.field("plain") == "plain")
        #expect(CSVReport.field("a, b") == "\"a, b\"")
        #expect(CSVReport.field("say \"hi\"") == "\"say \"\"hi\"\"\"")
        #expect(CSVReport.field("=HYPERLINK(\"x\")") == "\"'=HYPERLINK(\"\"x\"\")\"")
        #expect(CSVReport.field("-1+2") == "'-1+2")
        let table = CSVReport(report: report([]))
        let row = table.row(Fixtures.audit(Self.silenced))
        #expect(row.hasPrefix("silenced,entry.yaml,A silenced causal claim,cohort,,,30,long-covid,small-sample,small-sample,,,"))
        #expect(!row.hasSuffix(",0\r\n"))
        #expect(table.header.split(separator: ",").count == CSVReport.columns.count)
    }
}
