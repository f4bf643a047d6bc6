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
        let html = HTMLReport(report: counted).opening() + rows + HTMLReport(report: counted).middle() + cards + HTMLReport.closing
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
