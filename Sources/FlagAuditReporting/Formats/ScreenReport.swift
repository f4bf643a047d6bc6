import Foundation
import FlagAuditEngine
import FlagAuditModel
import FlagAuditScreening

/// Writes screening results one by one, as text or as the JSON of cli.md (the study object of
/// `check` plus what was extracted), and counts their findings for the exit status.
public struct ScreenReport {
    public enum Format: Sendable { case text, json }

    public let format: Format
    private let write: (String) -> Void
    public private(set) var tally = SeverityTally()

    public init(format: Format, provenance: Provenance = .toolOnly, write: @escaping (String) -> Void) {
        self.format = format
        self.write = write
        if format == .json { write(JSONReporter(provenance: provenance).streamHeader) }
    }

    public mutating func add(_ result: Screener.Result) {
        switch format {
        case .json: write(JSONReporter.streamItem(ScreenReport.json(result), first: tally.studies == 0))
        case .text: write(ScreenReport.describe(result) + TextReporter().render(study: result.report) + "\n")
        }
        tally.add(result.report.findings)
    }

    public func finish() {
        if format == .json { write(JSONReporter.streamFooter(studies: tally.studies, count: tally.count)) }
    }

    public static func json(_ result: Screener.Result) -> JSONValue {
        guard case .object(var fields) = JSONReporter().study(result.report) else { return .null }
        fields.append(("extracted", result.extraction.json))
        return .object(fields)
    }

    /// What was extracted, a labelled row each.
    public static func describe(_ result: Screener.Result) -> String {
        let e = result.extraction
        func show(_ value: Bool?) -> String { value.map { $0 ? "yes" : "no" } ?? "unknown" }
        let rows: [(String, String)] = [
            ("source", e.source ?? "unknown"),
            ("design", e.design ?? "unknown"),
            ("population", e.population.isEmpty ? "unknown" : e.population.joined(separator: ", ")),
            ("sample size", e.sampleSize.map(String.init) ?? "not found"),
            ("case definition", e.caseDefinition.isEmpty ? "none named" : e.caseDefinition.joined(separator: ", ")),
            ("PEM badge", e.pem ?? "unknown"),
            ("randomized", show(e.randomized)),
            ("blinded", show(e.blinded)),
            ("control", e.control ?? "unknown"),
            ("review", e.review ?? "-"),
            ("declared flags", result.report.declaredFlags.isEmpty ? "none" : result.report.declaredFlags.joined(separator: ", ")),
            ("suggested flags", result.report.suggestedFlags.isEmpty ? "none" : result.report.suggestedFlags.joined(separator: ", ")),
        ]
        return "\(result.report.path.terminalSafe): \(e.kind.rawValue)\n" + rows.map { "  " + $0.0.padding(toLength: 16, withPad: " ", startingAt: 0) + $0.1 + "\n" }.joined()
    }
}
