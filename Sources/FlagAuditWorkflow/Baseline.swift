import FlagAuditEngine
import FlagAuditLoading
import FlagAuditModel
import FlagAuditReporting
import Foundation

/// Findings an atlas has accepted for now, as SwiftLint's baseline: `--write-baseline` records
/// them, `--baseline` reports only findings that are not in it. Counts matter: a second copy
/// of a baselined finding in the same file is new. Paths are keyed relative to `root` (the
/// configuration's folder, else the current one), so `$PWD/seeds/x.yaml` and `./seeds/x.yaml`
/// are the `seeds/x.yaml` a baseline recorded.
public struct Baseline: Sendable, Equatable {
    public private(set) var counts: [BaselineKey: Int]
    /// The folder paths are keyed from, absolute.
    public var root: String = FileManager.default.currentDirectoryPath
    /// The folder relative paths of findings are read against, taken once.
    private let currentFolder = FileManager.default.currentDirectoryPath

    /// An empty baseline, to `record` studies into as they stream by.
    public init() { counts = [:] }

    /// A finding's key, its path made relative to `root` when it lies inside it.
    func key(_ finding: Finding) -> BaselineKey {
        let absolute = PathText.absolute(finding.location.path, from: currentFolder)
        return BaselineKey(path: PathText.shown(absolute, from: root), rule: finding.rule, text: finding.excerpt ?? finding.message)
    }

    public init(report: AuditReport) {
        self.init()
        for study in report.studies { record(study) }
    }

    /// Accepts every finding of a study.
    public mutating func record(_ study: StudyReport) {
        for finding in study.findings { counts[key(finding), default: 0] += 1 }
    }

    /// The study without the findings the baseline accounts for. Each study is filtered on its
    /// own (a finding's key holds its file's path), so a streamed audit filters as it goes.
    public func filter(_ study: StudyReport) -> StudyReport {
        var used: [BaselineKey: Int] = [:]
        var filtered = study
        filtered.findings = study.findings.filter { finding in
            let key = key(finding)
            guard let count = counts[key], used[key, default: 0] < count else { return true }
            used[key, default: 0] += 1
            return false
        }
        return filtered
    }

    /// The report without the findings the baseline accounts for.
    public func filter(_ report: AuditReport) -> AuditReport {
        AuditReport(studies: report.studies.map(filter))
    }

    public func serialized() -> String {
        let entries = counts.sorted { ($0.key.path, $0.key.rule, $0.key.text) < ($1.key.path, $1.key.rule, $1.key.text) }
        return JSONValue.object([
            ("version", .number(1)),
            ("tool", .string(JSONReporter.toolName)),
            ("findings", .array(entries.map { key, count in
                .object([("path", .string(key.path)), ("rule", .string(key.rule)), ("text", .string(key.text)), ("count", .number(count))])
            })),
        ]).serialized() + "\n"
    }

    /// Reads a baseline file written by `--write-baseline`.
    public init(contentsOf path: String) throws(DiagnosticError) {
        let bytes = try FileInput.read(path, limit: 64 << 20)
        let start = SourceLocation.start(of: path)
        guard let object = try? JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any],
            object["version"] as? Int == 1, let findings = object["findings"] as? [[String: Any]]
        else {
            throw DiagnosticError(Diagnostic(.schema, at: start, "not a FlagAudit baseline (JSON with version 1 and findings)"))
        }
        var counts: [BaselineKey: Int] = [:]
        for (index, item) in findings.enumerated() {
            guard let path = item["path"] as? String, let rule = item["rule"] as? String, let text = item["text"] as? String,
                let count = item["count"] as? Int, count > 0
            else {
                throw DiagnosticError(Diagnostic(.schema, at: start, "baseline finding \(index + 1) needs path, rule, text and a positive count"))
            }
            // Saturating: one key listed twice with counts near Int.max accepts every such finding.
            let key = BaselineKey(path: path, rule: rule, text: text)
            let (sum, overflow) = counts[key, default: 0].addingReportingOverflow(count)
            counts[key] = overflow ? Int.max : sum
        }
        self.counts = counts
    }
}
