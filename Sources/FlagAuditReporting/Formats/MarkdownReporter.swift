import FlagAuditEngine
import FlagAuditModel

/// `--format markdown`: a pull-request comment. A summary table, then findings grouped by study.
public struct MarkdownReporter: Sendable {
    public init() {}

    public func render(_ report: AuditReport) -> String {
        // The collected document is the streamed one (`StreamingReport`), written from the same pieces.
        header(studies: report.studies.count, count: report.count) + report.studies.map(row).joined()
            + report.studies.map(section).joined()
    }

    /// The summary and the table's head, which count the whole set: streamed output writes
    /// them last (see `Spool`).
    public func header(studies: Int, count: (Severity) -> Int) -> String {
        "## FlagAudit: \(count(.error)) errors, \(count(.warning)) warnings, \(count(.info)) infos in \(studies) studies\n\n"
            + "| Study | Errors | Warnings | Info | Missing flags | Unsupported flags |\n"
            + "|---|---:|---:|---:|---|---|\n"
    }

    /// A study's row in the summary table.
    public func row(_ study: StudyReport) -> String {
        "| \(MarkdownReporter.cell(study.id ?? study.path)) | \(study.count(.error)) | \(study.count(.warning)) | \(study.count(.info)) | "
            + "\(MarkdownReporter.cell(study.missingFlags.joined(separator: ", "))) | \(MarkdownReporter.cell(study.unsupportedFlags.joined(separator: ", "))) |\n"
    }

    /// A study's findings under its heading; empty when it has none.
    public func section(_ study: StudyReport) -> String {
        guard !study.findings.isEmpty else { return "" }
        var md = "\n### \(MarkdownReporter.inline(study.id ?? study.path))\n\n`\(study.path)`\n\n"
        for finding in study.findings {
            let icon = finding.severity == .error ? "❌" : finding.severity == .warning ? "⚠️" : "ℹ️"
            md += "- \(icon) **\(finding.severity.rawValue)** line \(finding.location.line): \(MarkdownReporter.inline(finding.message)) "
            md += "(`\(finding.rule)`\(finding.flag.map { ", flag `\($0)`" } ?? ""))\n"
            if let excerpt = finding.excerpt, !excerpt.isEmpty {
                md += "  > \(MarkdownReporter.inline(TextReporter.clip(excerpt, limit: 240)))\n"
            }
        }
        return md
    }

    /// Text safe inside a table cell: pipes escaped, lines joined.
    static func cell(_ text: String) -> String { cellEscapes(text.joinedLines) }

    /// Text that cannot open HTML or break the list structure.
    static func inline(_ text: String) -> String { inlineEscapes(text.joinedLines) }

    private static let inlineEscapes = EscapeTable(["<": "&lt;", ">": "&gt;"])
    private static let cellEscapes = EscapeTable(["<": "&lt;", ">": "&gt;", "|": "\\|"])
}
