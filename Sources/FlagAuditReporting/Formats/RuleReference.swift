import FlagAuditEngine
import FlagAuditModel

/// The reference of a pack's rules and the built-in checks as Markdown (`flagaudit rules doc`,
/// committed as docs/rule-reference.md): a section per rule whose heading is its id, so
/// GitHub's anchor for it is `#<id>` and SARIF's `helpUri` can point at it.
public enum RuleReference {
    public static func markdown(_ rules: [RuleDescriptor], pack: PackIdentity) -> String {
        var md = "# Rule reference\n\n"
        md += "Every rule of the pack \(pack.described) and every built-in check, as `flagaudit rules doc` prints them "
            + "(regenerate this file with `flagaudit rules doc > docs/rule-reference.md`). How rules are written: rules.md.\n\n"
        md += "| rule | severity | flag | summary |\n|---|---|---|---|\n"
        for rule in rules {
            md += "| [`\(rule.id)`](#\(rule.id)) | \(rule.severity.rawValue) | \(rule.flag.map { "`\($0)`" } ?? "") | \(MarkdownReporter.cell(rule.summary)) |\n"
        }
        for rule in rules {
            md += "\n## \(rule.id)\n\n"
            md += "\(rule.isBuiltin ? "Built-in check" : "Rule") · severity **\(rule.severity.rawValue)**"
            md += rule.flag.map { " · suggests the flag `\($0)`" } ?? ""
            md += "\n\n\(MarkdownReporter.inline(rule.summary))\n\n"
            if rule.rationale != rule.summary { md += "\(MarkdownReporter.inline(rule.rationale))\n\n" }
            if let reference = rule.reference { md += "Reference: \(MarkdownReporter.inline(reference))\n\n" }
            for (title, examples) in [("Fires on", rule.firesOn), ("Does not fire on", rule.doesNotFireOn)] where !examples.isEmpty {
                md += "\(title):\n\n" + examples.map { "- \(MarkdownReporter.code($0))\n" }.joined() + "\n"
            }
        }
        return md
    }
}
