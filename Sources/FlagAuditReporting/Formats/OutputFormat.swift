import FlagAuditEngine
import FlagAuditModel

/// The formats `check` writes (cli.md), by the names the command line takes.
public enum OutputFormat: String, Sendable, CaseIterable {
    case text, json, sarif, junit, github, markdown

    /// The streaming writer of this format for a pack's rules; JUnit marks a study failed at
    /// `threshold` (none: never).
    public func streaming(pack: RulePack, threshold: Severity?) -> StreamingReport.Format {
        switch self {
        case .text: .text
        case .json: .json
        case .github: .github
        case .sarif: .sarif(SARIFReporter(rules: RuleDescriptor.catalog(of: pack)))
        case .junit: .junit(JUnitReporter(threshold: threshold))
        case .markdown: .markdown
        }
    }
}
