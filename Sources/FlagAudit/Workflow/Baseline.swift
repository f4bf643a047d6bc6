import Foundation

/// Findings an atlas has accepted for now, as SwiftLint's baseline: `--write-baseline` records
/// them, `--baseline` reports only findings that are not in it. Counts matter: a second copy
/// of a baselined finding in the same file is new.
public struct Baseline: Sendable, Equatable {
    public private(set) var counts: [BaselineKey: Int]

    public init(report: AuditReport) {
        var counts: [BaselineKey: Int] = [:]
        for finding in report.studies.flatMap(\.findings) { counts[BaselineKey(finding), default: 0] += 1 }
        self.counts = counts
    }

    /// The report without the findings the baseline accounts for.
    public func filter(_ report: AuditReport) -> AuditReport {
        var remaining = counts
        var filtered = report
        for index in filtered.studies.indices {
            filtered.studies[index].findings = filtered.studies[index].findings.filter { finding in
                let key = BaselineKey(finding)
                guard let count = remaining[key], count > 0 else { return true }
                remaining[key] = count - 1
                return false
            }
        }
        return filtered
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
        let start = SourceLocation(path: path, line: 1, column: 1)
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
            counts[BaselineKey(path: path, rule: rule, text: text), default: 0] += count
        }
        self.counts = counts
    }
}
