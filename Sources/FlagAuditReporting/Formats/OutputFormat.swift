import FlagAuditEngine
import FlagAuditModel

/// The formats `check` writes (cli.md), by the names the command line takes.
public enum OutputFormat: String, Sendable, CaseIterable {
    case text, json, sarif, junit, github, markdown

    /// The streaming writer of this format for a pack's rules; JUnit marks a study failed at
    /// `threshold` (none: never).
    public func streaming(pack: RulePack, threshold: Severity?, text: TextReporter = TextReporter()) -> StreamingReport.Format {
        switch self {
        case .text: .text(text)
        case .json: .json(JSONReporter(provenance: Provenance(pack: pack)))
        case .github: .github
        case .sarif: .sarif(SARIFReporter(rules: RuleDescriptor.catalog(of: pack), provenance: Provenance(pack: pack)))
        case .junit: .junit(JUnitReporter(threshold: threshold, provenance: Provenance(pack: pack)))
        case .markdown: .markdown
        }
    }
}
