import FlagAuditEngine
import FlagAuditModel

/// `--format text`: compiler-style lines (`path:line:col: severity: message [rule]`), the
/// excerpt beneath, each study's flag balance, and a closing summary.
public struct TextReporter: Sendable {
    public init() {}

    public func render(_ report: AuditReport) -> String {
        report.studies.map(render(study:)).joined()
            + TextReporter.summary(studies: report.studies.count, count: report.count)
    }

    public func render(study: StudyReport) -> String {
        var output = ""
        for finding in study.findings {
            let flag = finding.flag.map { " → \($0)" } ?? ""
            // Paths, messages and excerpts come from files: their control characters are written out.
            output += "\(finding.location.description.terminalSafe): \(finding.severity.rawValue): \(finding.message.terminalSafe) [\(finding.rule)\(flag)]\n"
            if let excerpt = finding.excerpt, !excerpt.isEmpty {
                output += "    | \(TextReporter.clip(excerpt).terminalSafe)\n"
            }
            if let other = finding.counterpart {
                let study = other.study.map { " (\($0), \(other.strength))" } ?? " (\(other.strength))"
                output += "    | against \(other.location.description.terminalSafe)\(study.terminalSafe): \(TextReporter.clip(other.excerpt).terminalSafe)\n"
            }
        }
        if !study.missingFlags.isEmpty || !study.unsupportedFlags.isEmpty {
            var parts: [String] = []
            if !study.missingFlags.isEmpty { parts.append("add \(study.missingFlags.joined(separator: ", "))") }
            if !study.unsupportedFlags.isEmpty { parts.append("unsupported \(study.unsupportedFlags.joined(separator: ", "))") }
            output += "\(study.path.terminalSafe): note: flags: \(parts.joined(separator: "; "))\n"
        }
        return output
    }

    public static func summary(studies: Int, count: (Severity) -> Int) -> String {
        let parts = [Severity.error, .warning, .info].map { severity in
            "\(count(severity)) \(severity.rawValue)\(count(severity) == 1 ? "" : "s")"
        }
        return "Audited \(studies) \(studies == 1 ? "study" : "studies"): \(parts.joined(separator: ", ")).\n"
    }

    public static func clip(_ text: String, limit: Int = 160) -> String {
        text.clipped(to: limit)
    }
}
