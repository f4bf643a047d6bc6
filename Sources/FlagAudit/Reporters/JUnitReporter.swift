/// `--format junit`: one test case per study; each finding at or above `--fail-on` is a
/// failure, the rest are listed in the case's system-out.
public struct JUnitReporter: Sendable {
    public var threshold: Severity?

    public init(threshold: Severity?) { self.threshold = threshold }

    public func render(_ report: AuditReport) -> String {
        let failures = report.studies.filter(failing).count
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        xml += "<testsuites name=\"flagaudit\" tests=\"\(report.studies.count)\" failures=\"\(failures)\" errors=\"0\">\n"
        xml += "  <testsuite name=\"flagaudit\" tests=\"\(report.studies.count)\" failures=\"\(failures)\" errors=\"0\" skipped=\"0\">\n"
        for study in report.studies {
            let name = study.id.map { "\($0) (\(study.path))" } ?? study.path
            xml += "    <testcase classname=\"flagaudit\" name=\"\(MarkupText.escape(name))\" file=\"\(MarkupText.escape(study.path))\">\n"
            var notes = ""
            for finding in study.findings {
                let line = "\(finding.location): \(finding.severity.rawValue): \(finding.message) [\(finding.rule)]"
                if let threshold, finding.severity >= threshold {
                    xml += "      <failure type=\"\(MarkupText.escape(finding.rule))\" message=\"\(MarkupText.escape(finding.message))\">"
                    xml += MarkupText.escape(line + (finding.excerpt.map { "\n    | " + $0 } ?? "")) + "</failure>\n"
                } else {
                    notes += line + "\n"
                }
            }
            if !notes.isEmpty { xml += "      <system-out>\(MarkupText.escape(notes))</system-out>\n" }
            xml += "    </testcase>\n"
        }
        xml += "  </testsuite>\n</testsuites>\n"
        return xml
    }

    private func failing(_ study: StudyReport) -> Bool {
        guard let threshold else { return false }
        return study.findings.contains { $0.severity >= threshold }
    }
}
