/// The quality report as Markdown: the same overview, matrix, charts as tables, and studies.
public struct MarkdownQualityReport: Sendable {
    public var report: QualityReport

    public init(report: QualityReport) { self.report = report }

    public func render() -> String {
        let audit = report.audit
        var md = "# FlagAudit quality report\n\n"
        md += "\(audit.studies.count) studies audited with \(report.pack.rules.count) rules: **\(audit.count(.error)) errors**, \(audit.count(.warning)) warnings, \(audit.count(.info)) infos.\n\n"
        md += "## Study by flag\n\n✓ declared and supported · + suggested, not declared · ? declared, not supported\n\n"
        md += "| Study | " + report.flags.map { MarkdownReporter.cell($0.label) }.joined(separator: " | ") + " | Errors | Warnings |\n"
        md += "|---|" + report.flags.map { _ in ":-:" }.joined(separator: "|") + "|--:|--:|\n"
        for study in audit.studies {
            md += "| \(MarkdownReporter.cell(study.id ?? study.path)) | "
            md += report.flags.map { report.state(study, $0.slug).symbol }.joined(separator: " | ")
            md += " | \(study.count(.error)) | \(study.count(.warning)) |\n"
        }
        md += "\n## Flag frequency\n\n| Flag | Declared | Suggested |\n|---|--:|--:|\n"
        for row in report.flagFrequency { md += "| \(MarkdownReporter.cell(row.flag.label)) | \(row.declared) | \(row.suggested) |\n" }
        let (levels, rows) = report.levelsByDesign
        md += "\n## Evidence level by design\n\n| Design | " + levels.joined(separator: " | ") + " |\n|---|" + levels.map { _ in "--:" }.joined(separator: "|") + "|\n"
        for row in rows {
            md += "| \(MarkdownReporter.cell(report.label(row.design, in: .designs))) | " + row.counts.map(String.init).joined(separator: " | ") + " |\n"
        }
        md += "\n## Studies\n"
        for study in audit.studies {
            let title = study.study?.texts[.title]?.first?.text ?? study.id ?? study.path
            md += "\n### \(MarkdownReporter.inline(title))\n\n`\(study.id ?? "(no id)")` · `\(study.path)`"
            if let entry = study.study {
                let facts: [String] = [
                    entry.terms[.evidenceLevel].map { "evidence \(report.label($0.value, in: .evidenceLevels)) (\($0.value))" },
                    entry.design.map { "design \(report.label($0, in: .designs))" },
                    entry.terms[.pem].map { "PEM \(report.label($0.value, in: .pemBadges))" },
                    entry.numbers[.sampleSize].map { "n = \($0.value)" },
                ].compactMap { $0 }
                if !facts.isEmpty { md += " · " + facts.joined(separator: " · ") }
            }
            md += "\n\n"
            func flags(_ list: [String]) -> String { list.isEmpty ? "none" : list.map { "`\($0)`" }.joined(separator: ", ") }
            md += "- Declared: \(flags(study.declaredFlags))\n- Suggested: \(flags(study.suggestedFlags))\n"
            md += "- Missing: \(flags(study.missingFlags))\n- Unsupported: \(flags(study.unsupportedFlags))\n\n"
            if study.findings.isEmpty { md += "No findings.\n"; continue }
            for finding in study.findings {
                md += "1. **\(finding.severity.rawValue)** \(MarkdownReporter.inline(finding.message)) — `\(finding.rule)`"
                md += finding.flag.map { ", flag `\($0)`" } ?? ""
                md += ", line \(finding.location.line)\n"
                if let excerpt = finding.excerpt, !excerpt.isEmpty { md += "   > \(MarkdownReporter.inline(TextReporter.clip(excerpt, limit: 300)))\n" }
                if let why = finding.why ?? report.rationale(of: finding.rule) { md += "\n   *Why:* \(MarkdownReporter.inline(why))\n" }
            }
        }
        return md
    }
}
