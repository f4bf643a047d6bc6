/// `--format text`: compiler-style lines (`path:line:col: severity: message [rule]`), the
/// excerpt beneath, each study's flag balance, and a closing summary.
public struct TextReporter: Sendable {
    public init() {}

    public func render(_ report: AuditReport) -> String {
        var output = ""
        for study in report.studies {
            for finding in study.findings {
                let flag = finding.flag.map { " → \($0)" } ?? ""
                output += "\(finding.location): \(finding.severity.rawValue): \(finding.message) [\(finding.rule)\(flag)]\n"
                if let excerpt = finding.excerpt, !excerpt.isEmpty {
                    output += "    | \(TextReporter.clip(excerpt))\n"
                }
            }
            if !study.missingFlags.isEmpty || !study.unsupportedFlags.isEmpty {
                var parts: [String] = []
                if !study.missingFlags.isEmpty { parts.append("add \(study.missingFlags.joined(separator: ", "))") }
                if !study.unsupportedFlags.isEmpty { parts.append("unsupported \(study.unsupportedFlags.joined(separator: ", "))") }
                output += "\(study.path): note: flags: \(parts.joined(separator: "; "))\n"
            }
        }
        let summary = [Severity.error, .warning, .info].map { severity in
            let count = report.count(severity)
            return "\(count) \(severity.rawValue)\(count == 1 ? "" : "s")"
        }
        output += "Audited \(report.studies.count) \(report.studies.count == 1 ? "study" : "studies"): \(summary.joined(separator: ", ")).\n"
        return output
    }

    public static func clip(_ text: String, limit: Int = 160) -> String {
        let flat = text.split(whereSeparator: \.isNewline).joined(separator: " ")
        return flat.count > limit ? String(flat.prefix(limit - 1)) + "…" : flat
    }
}
