/// `--format markdown`: a pull-request comment. A summary table, then findings grouped by study.
public struct MarkdownReporter: Sendable {
    public init() {}

    public func render(_ report: AuditReport) -> String {
        var md = "## FlagAudit: \(report.count(.error)) errors, \(report.count(.warning)) warnings, \(report.count(.info)) infos in \(report.studies.count) studies\n\n"
        md += "| Study | Errors | Warnings | Info | Missing flags | Unsupported flags |\n"
        md += "|---|---:|---:|---:|---|---|\n"
        for study in report.studies {
            md += "| \(MarkdownReporter.cell(study.id ?? study.path)) | \(study.count(.error)) | \(study.count(.warning)) | \(study.count(.info)) | "
            md += "\(MarkdownReporter.cell(study.missingFlags.joined(separator: ", "))) | \(MarkdownReporter.cell(study.unsupportedFlags.joined(separator: ", "))) |\n"
        }
        for study in report.studies where !study.findings.isEmpty {
            md += "\n### \(MarkdownReporter.inline(study.id ?? study.path))\n\n`\(study.path)`\n\n"
            for finding in study.findings {
                let icon = finding.severity == .error ? "❌" : finding.severity == .warning ? "⚠️" : "ℹ️"
                md += "- \(icon) **\(finding.severity.rawValue)** line \(finding.location.line): \(MarkdownReporter.inline(finding.message)) "
                md += "(`\(finding.rule)`\(finding.flag.map { ", flag `\($0)`" } ?? ""))\n"
                if let excerpt = finding.excerpt, !excerpt.isEmpty {
                    md += "  > \(MarkdownReporter.inline(TextReporter.clip(excerpt, limit: 240)))\n"
                }
            }
        }
        return md
    }

    /// Text safe inside a table cell: pipes escaped, lines joined.
    static func cell(_ text: String) -> String {
        inline(text).replacingOccurrences(of: "|", with: "\\|")
    }

    /// Text that cannot open HTML or break the list structure.
    static func inline(_ text: String) -> String {
        text.split(whereSeparator: \.isNewline).joined(separator: " ")
            .replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
    }
}
