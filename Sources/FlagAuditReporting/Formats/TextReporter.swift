import FlagAuditEngine
import FlagAuditModel

/// `--format text`: compiler-style lines (`path:line:col: severity: message [rule]`), the
/// excerpt beneath, each study's flag balance, and a closing summary.
public struct TextReporter: Sendable {
    public var style: TextStyle
    /// `--quiet`: the findings alone, without each study's flag note and the closing summary.
    public var quiet: Bool

    /// Where a line of the text sits in its source, when that differs (a PDF's page and line).
    public var place: (@Sendable (Int) -> String?)?

    public init(style: TextStyle = .plain, quiet: Bool = false, place: (@Sendable (Int) -> String?)? = nil) {
        self.style = style
        self.quiet = quiet
        self.place = place
    }

    public func render(_ report: AuditReport) -> String {
        report.studies.map(render(study:)).joined()
            + summary(studies: report.studies.count, count: report.count)
    }

    public func render(study: StudyReport) -> String {
        var output = ""
        for finding in study.findings {
            let flag = finding.flag.map { " → \($0)" } ?? ""
            // Paths, messages and excerpts come from files: their control characters are written out.
            let place = self.place?(finding.location.line).map { " (\($0))" } ?? ""
            output += "\(style.bold(finding.location.description.terminalSafe))\(place): \(style.severity(finding.severity, finding.severity.rawValue)): "
                + "\(finding.message.terminalSafe) \(style.dim("[\(finding.rule)\(flag)]"))\n"
            if let excerpt = finding.excerpt, !excerpt.isEmpty {
                output += style.dim("    | \(TextReporter.clip(excerpt).terminalSafe)") + "\n"
            }
            if let other = finding.counterpart {
                let study = other.study.map { " (\($0), \(other.strength))" } ?? " (\(other.strength))"
                output += "    | against \(other.location.description.terminalSafe)\(study.terminalSafe): \(TextReporter.clip(other.excerpt).terminalSafe)\n"
            }
        }
        if !quiet, !study.missingFlags.isEmpty || !study.unsupportedFlags.isEmpty {
            var parts: [String] = []
            if !study.missingFlags.isEmpty { parts.append("add \(study.missingFlags.joined(separator: ", "))") }
            if !study.unsupportedFlags.isEmpty { parts.append("unsupported \(study.unsupportedFlags.joined(separator: ", "))") }
            output += "\(study.path.terminalSafe): note: flags: \(parts.joined(separator: "; "))\n"
        }
        return output
    }

    /// The closing line; none when quiet.
    public func summary(studies: Int, count: (Severity) -> Int) -> String {
        quiet ? "" : TextReporter.summary(studies: studies, count: count)
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
