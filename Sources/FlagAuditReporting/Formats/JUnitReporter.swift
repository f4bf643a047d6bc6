import FlagAuditEngine
import FlagAuditModel

/// `--format junit`: one test case per study; each finding at or above `--fail-on` is a
/// failure, the rest are listed in the case's system-out.
public struct JUnitReporter: Sendable {
    public var threshold: Severity?
    /// Written as the suite's properties.
    public var provenance: Provenance

    public init(threshold: Severity?, provenance: Provenance = .toolOnly) {
        self.threshold = threshold
        self.provenance = provenance
    }

    public func render(_ report: AuditReport) -> String {
        // The collected document is the streamed one (`StreamingReport`), written from the same pieces.
        header(studies: report.studies.count, failures: report.studies.filter(failing).count)
            + report.studies.map(testCase).joined() + JUnitReporter.footer
    }

    /// The opening, which counts the whole set: streamed output writes it last (see `Spool`).
    public func header(studies: Int, failures: Int) -> String {
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            + "<testsuites name=\"flagaudit\" tests=\"\(studies)\" failures=\"\(failures)\" errors=\"0\">\n"
            + "  <testsuite name=\"flagaudit\" tests=\"\(studies)\" failures=\"\(failures)\" errors=\"0\" skipped=\"0\">\n"
            + "    <properties>\n" + properties.map { "      <property name=\"\($0)\" value=\"\(MarkupText.escape($1))\"/>\n" }.joined()
            + "    </properties>\n"
    }

    private var properties: [(String, String)] {
        [("flagaudit.version", ToolVersion.current)]
            + (provenance.pack.map { [("flagaudit.rule_pack", $0.described)] } ?? [])
            + (provenance.claimModel.map { [("flagaudit.claim_model", $0)] } ?? [])
    }

    public static let footer = "  </testsuite>\n</testsuites>\n"

    /// One study's test case.
    public func testCase(_ study: StudyReport) -> String {
        let name = study.id.map { "\($0) (\(study.path))" } ?? study.path
        var xml = "    <testcase classname=\"flagaudit\" name=\"\(MarkupText.escape(name))\" file=\"\(MarkupText.escape(study.path))\">\n"
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
        return xml + "    </testcase>\n"
    }

    /// Whether the study's test case fails: a finding at or above the threshold.
    public func failing(_ study: StudyReport) -> Bool {
        guard let threshold else { return false }
        return study.findings.contains { $0.severity >= threshold }
    }
}
