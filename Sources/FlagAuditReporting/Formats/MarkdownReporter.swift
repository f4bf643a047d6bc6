import FlagAuditEngine
import FlagAuditModel

/// `--format markdown`: a pull-request comment. A summary table, then findings grouped by study.
public struct MarkdownReporter: Sendable {
    public init() {}

    public func render(_ report: AuditReport) -> String {
        // The collected document is the streamed one, cut at the same limit.
        var text = ""
        var stream = StreamingReport(format: .markdown) { text += $0 }
        for study in report.studies { stream.add(study) }
        stream.finish()
        return text
    }

    /// The summary and the table's head, which count the whole set: streamed output writes
    /// them last (see `Spool`).
    public func header(studies: Int, count: (Severity) -> Int) -> String {
        "## FlagAudit: \(count(.error)) errors, \(count(.warning)) warnings, \(count(.info)) infos in \(studies) studies\n\n"
            + "| Study | Errors | Warnings | Info | Missing flags | Unsupported flags |\n"
            + "|---|---:|---:|---:|---|---|\n"
    }

    /// GitHub's limit on a comment's body; the streamed report stays under it.
    public static let characterLimit = 65_536
    /// Room kept for the note that says what was cut.
    static let cutNoteReserve = 400

    /// What the comment leaves out, and where the rest is.
    static func cutNote(rows: (shown: Int, of: Int), sections: (shown: Int, of: Int)) -> String {
        var parts: [String] = []
        if rows.shown < rows.of { parts.append("\(rows.of - rows.shown) of \(rows.of) table rows") }
        if sections.shown < sections.of { parts.append("the findings of \(sections.of - sections.shown) of \(sections.of) studies") }
        return "\n---\n_Cut to stay under GitHub's \(characterLimit)-character comment limit: \(parts.joined(separator: " and ")) are not shown. "
            + "The totals above count everything; `flagaudit check --format text` or `--format json` has the whole report._\n"
    }

    /// A study's row in the summary table.
    public func row(_ study: StudyReport) -> String {
        "| \(MarkdownReporter.cell(study.id ?? study.path)) | \(study.count(.error)) | \(study.count(.warning)) | \(study.count(.info)) | "
            + "\(MarkdownReporter.cell(study.missingFlags.joined(separator: ", "))) | \(MarkdownReporter.cell(study.unsupportedFlags.joined(separator: ", "))) |\n"
    }

    /// A study's findings under its heading; empty when it has none.
    public func section(_ study: StudyReport) -> String {
        guard !study.findings.isEmpty else { return "" }
        var md = "\n### \(MarkdownReporter.inline(study.id ?? study.path))\n\n\(MarkdownReporter.code(study.path))\n\n"
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

    /// Text safe inside a table cell: as `inline`, and pipes escaped.
    static func cell(_ text: String) -> String { cellEscapes(text.joinedLines.terminalSafe) }

    /// Text from entries, made inert in a pull-request comment: lines joined, control characters
    /// written out; no HTML (`<`), no link or image (`[`, so no `![](tracking-pixel)` and no
    /// `[x](javascript:…)`), no code span that swallows what follows, no @mention.
    static func inline(_ text: String) -> String { inlineEscapes(text.joinedLines.terminalSafe) }

    /// A code span that holds `text` whatever its backticks: fenced by one more backtick than
    /// its longest run (CommonMark), lines joined and control characters written out.
    static func code(_ text: String) -> String {
        let flat = text.joinedLines.terminalSafe
        var longest = 0, run = 0
        for character in flat.utf8 {
            run = character == UInt8(ascii: "`") ? run + 1 : 0
            longest = max(longest, run)
        }
        let fence = String(repeating: "`", count: longest + 1)
        let padding = flat.hasPrefix("`") || flat.hasSuffix("`") ? " " : ""
        return fence + padding + flat + padding + fence
    }

    private static let inlineEscapes = EscapeTable(MarkdownReporter.inert)
    private static let cellEscapes = EscapeTable(MarkdownReporter.inert.merging(["|": "\\|"]) { first, _ in first })
    private static let inert: [Unicode.Scalar: String] = [
        "<": "&lt;", ">": "&gt;", "[": "\\[", "]": "\\]", "`": "\\`", "@": "&#64;",
    ]
}
