import FlagAuditEngine
import FlagAuditModel

/// The quality report as Markdown: the same overview, matrix, charts as tables, and studies.
public struct MarkdownQualityReport: Sendable {
    public var report: QualityReport

    public init(report: QualityReport) { self.report = report }

    /// The whole document: `opening`, a matrix row per study, `middle`, a section per study.
    public func render() -> String {
        var md = opening()
        for study in report.audit.studies { md += row(study) }
        md += middle()
        for study in report.audit.studies { md += section(study) }
        return md
    }

    /// Up to the matrix's rows; counts the whole set (`report.tally`).
    public func opening() -> String {
        let tally = report.tally
        var md = "# FlagAudit quality report\n\n"
        md += "\(tally.studies) studies audited with \(report.pack.rules.count) rules: **\(tally.count(.error)) errors**, \(tally.count(.warning)) warnings, \(tally.count(.info)) infos.\n\n"
        if let provenance = report.provenance { md += "_\(MarkdownReporter.inline(provenance))_\n\n" }
        md += "## Study by flag\n\n✓ declared and supported · + suggested, not declared · ? declared, not supported\n\n"
        md += "| Study | " + report.flags.map { MarkdownReporter.cell($0.label) }.joined(separator: " | ") + " | Errors | Warnings |\n"
        md += "|---|" + report.flags.map { _ in ":-:" }.joined(separator: "|") + "|--:|--:|\n"
        return md
    }

    /// A study's row in the matrix.
    public func row(_ study: StudyReport) -> String {
        "| \(MarkdownReporter.cell(study.id ?? study.path)) | " + report.flags.map { report.state(study, $0.slug).symbol }.joined(separator: " | ")
            + " | \(study.count(.error)) | \(study.count(.warning)) |\n"
    }

    /// The tables that count the whole set, then the studies' heading.
    public func middle() -> String {
        var md = "\n## Flag frequency\n\n| Flag | Declared | Suggested |\n|---|--:|--:|\n"
        for row in report.flagFrequency { md += "| \(MarkdownReporter.cell(row.flag.label)) | \(row.declared) | \(row.suggested) |\n" }
        let (levels, rows) = report.levelsByDesign
        md += "\n## Evidence level by design\n\n| Design | " + levels.joined(separator: " | ") + " |\n|---|" + levels.map { _ in "--:" }.joined(separator: "|") + "|\n"
        for row in rows {
            md += "| \(MarkdownReporter.cell(report.label(row.design, in: .designs))) | " + row.counts.map(String.init).joined(separator: " | ") + " |\n"
        }
        return md + "\n## Studies\n"
    }

    /// A study's section: its facts, flags and findings.
    public func section(_ study: StudyReport) -> String {
        let title = study.study?.texts(.title)?.first?.text ?? study.id ?? study.path
        var md = "\n### \(MarkdownReporter.inline(title))\n\n\(MarkdownReporter.code(study.id ?? "(no id)")) · \(MarkdownReporter.code(study.path))"
        if let entry = study.study {
            let facts: [String] = [
                entry.term(.evidenceLevel).map { "evidence \(report.label($0.value, in: .evidenceLevels)) (\($0.value))" },
                entry.design.map { "design \(report.label($0, in: .designs))" },
                entry.term(.pem).map { "PEM \(report.label($0.value, in: .pemBadges))" },
                entry.number(.sampleSize).map { "n = \($0.value)" },
            ].compactMap { $0 }
            if !facts.isEmpty { md += " · " + facts.joined(separator: " · ") }
        }
        md += "\n\n"
        func flags(_ list: [String]) -> String { list.isEmpty ? "none" : list.map { "`\($0)`" }.joined(separator: ", ") }
        md += "- Declared: \(flags(study.declaredFlags))\n- Suggested: \(flags(study.suggestedFlags))\n"
        md += "- Missing: \(flags(study.missingFlags))\n- Unsupported: \(flags(study.unsupportedFlags))\n\n"
        if study.findings.isEmpty { md += "No findings.\n" }
        for finding in study.findings {
            md += "1. **\(finding.severity.rawValue)** \(MarkdownReporter.inline(finding.message)) — `\(finding.rule)`"
            md += finding.flag.map { ", flag `\($0)`" } ?? ""
            md += ", line \(finding.location.line)\n"
            if let excerpt = finding.excerpt, !excerpt.isEmpty { md += "   > \(MarkdownReporter.inline(TextReporter.clip(excerpt, limit: 300)))\n" }
            if let other = finding.counterpart {
                md += "   >\n   > against \(MarkdownReporter.inline(other.study ?? "the study")) (\(other.strength)): \(MarkdownReporter.inline(TextReporter.clip(other.excerpt, limit: 300)))\n"
            }
            if let why = finding.why ?? report.rationale(of: finding.rule) { md += "\n   *Why:* \(MarkdownReporter.inline(why))\n" }
            if let reference = report.reference(of: finding.rule) { md += "   *Reference:* \(MarkdownReporter.inline(reference))\n" }
        }
        if !study.suppressed.isEmpty {
            md += "\nSilenced in the entry:\n\n"
            for silenced in study.suppressed {
                md += "- `\(silenced.finding.rule)`, line \(silenced.finding.location.line): \(MarkdownReporter.inline(silenced.finding.message))"
                md += " — reason: \(silenced.suppression.reason.map { MarkdownReporter.inline($0) } ?? "none given")\n"
            }
        }
        return md
    }
}
