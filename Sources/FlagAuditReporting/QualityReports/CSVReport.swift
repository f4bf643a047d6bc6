import FlagAuditEngine
import FlagAuditModel

/// `report --format csv`: a study a row, for spreadsheets. RFC 4180 (CRLF line ends, a field
/// with a comma, quote or line break quoted, quotes doubled), and a field that a spreadsheet
/// would run as a formula (starting with =, +, -, @, a tab or a CR) is prefixed with a quote
/// mark, so an entry's text can never become a formula on an editor's machine.
public struct CSVReport: Sendable {
    public var report: QualityReport

    public init(report: QualityReport) { self.report = report }

    public static let columns = [
        "id", "path", "title", "design", "evidence_level", "pem", "sample_size", "population",
        "declared_flags", "suggested_flags", "missing_flags", "unsupported_flags", "errors", "warnings", "infos", "silenced",
    ]

    public var header: String { CSVReport.line(CSVReport.columns) }

    public func row(_ study: StudyReport) -> String {
        let entry = study.study
        let fields: [String] = [
            study.id ?? "", study.path, entry?.texts(.title)?.first?.text ?? "",
            entry?.design ?? "", entry?.term(.evidenceLevel)?.value ?? "", entry?.term(.pem)?.value ?? "",
            entry?.number(.sampleSize).map { String($0.value) } ?? "",
            (entry?.list(.population)?.map(\.value) ?? []).joined(separator: " "),
            study.declaredFlags.joined(separator: " "), study.suggestedFlags.joined(separator: " "),
            study.missingFlags.joined(separator: " "), study.unsupportedFlags.joined(separator: " "),
            String(study.count(.error)), String(study.count(.warning)), String(study.count(.info)), String(study.suppressed.count),
        ]
        return CSVReport.line(fields)
    }

    static func line(_ fields: [String]) -> String {
        fields.map(field).joined(separator: ",") + "\r\n"
    }

    static func field(_ text: String) -> String {
        var value = text
        if let first = value.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) { value = "'" + value }
        guard value.unicodeScalars.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
