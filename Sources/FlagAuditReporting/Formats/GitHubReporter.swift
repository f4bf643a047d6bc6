import FlagAuditEngine
import FlagAuditModel

/// `--format github`: GitHub Actions workflow commands, which annotate the pull request's
/// changed lines (`::error file=…,line=…,col=…,title=…::message`).
public struct GitHubReporter: Sendable {
    public init() {}

    public func render(_ report: AuditReport) -> String {
        render(report.studies.flatMap(\.findings)) + GitHubReporter.summary(studies: report.studies.count, count: report.count)
    }

    public func render(_ findings: [Finding]) -> String {
        var output = ""
        for finding in findings {
            let command: String
            switch finding.severity {
            case .error: command = "error"
            case .warning: command = "warning"
            case .info: command = "notice"
            }
            let title = finding.rule + (finding.flag.map { " → \($0)" } ?? "")
            output += "::\(command) file=\(GitHubReporter.property(finding.location.path)),line=\(finding.location.line),"
            output += "col=\(finding.location.column),title=\(GitHubReporter.property(title))::\(GitHubReporter.data(finding.message))\n"
        }
        return output
    }

    public static func summary(studies: Int, count: (Severity) -> Int) -> String {
        "FlagAudit: \(studies) studies, \(count(.error)) errors, \(count(.warning)) warnings, \(count(.info)) infos\n"
    }

    /// Escaping of a workflow command's message.
    static func data(_ text: String) -> String { dataEscapes(text) }

    /// Escaping of a workflow command's property value.
    static func property(_ text: String) -> String { propertyEscapes(text) }

    private static let dataEscapes = EscapeTable(["%": "%25", "\r": "%0D", "\n": "%0A"])
    private static let propertyEscapes = EscapeTable(["%": "%25", "\r": "%0D", "\n": "%0A", ":": "%3A", ",": "%2C"])
}
