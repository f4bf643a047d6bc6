import Foundation
import FlagAuditEngine
import FlagAuditIngest
import FlagAuditModel
import FlagAuditScreening

/// Writes screening results one by one, as text or as the JSON of cli.md (the study object of
/// `check` plus what was extracted), and counts their findings for the exit status.
public struct ScreenReport {
    public enum Format: Sendable { case text, json }

    public let format: Format
    private let write: (String) -> Void
    public private(set) var tally = SeverityTally()
    /// Texts that could not be read at all (the run then exits 2, after reporting every text).
    public private(set) var unreadable = 0

    public init(format: Format, provenance: Provenance = .toolOnly, write: @escaping (String) -> Void) {
        self.format = format
        self.write = write
        if format == .json { write(JSONReporter(provenance: provenance).streamHeader) }
    }

    public mutating func add(_ result: Screener.Result) {
        switch format {
        case .json: write(JSONReporter.streamItem(ScreenReport.json(result), first: tally.studies == 0))
        case .text:
            let source = result.source
            let place: (@Sendable (Int) -> String?)? = source.flatMap { $0.pages.isEmpty ? nil : $0 }.map { source in
                { line in source.place(ofLine: line).map { "page \($0.page), line \($0.line)" } }
            }
            // A text that could not be read has nothing extracted to show: only why.
            let described = result.isUnreadable ? "" : ScreenReport.describe(result)
            write(described + TextReporter(place: place).render(study: result.report) + "\n")
        }
        tally.add(result.report.findings)
        if result.isUnreadable { unreadable += 1 }
    }

    public func finish() {
        if format == .json { write(JSONReporter.streamFooter(studies: tally.studies, count: tally.count)) }
    }

    public static func json(_ result: Screener.Result) -> JSONValue {
        guard case .object(var fields) = JSONReporter().study(result.report) else { return .null }
        if let source = result.source, !source.pages.isEmpty {
            // A PDF's findings say their page and their line on it, beside the text's line.
            fields = fields.map { key, value in
                guard key == "findings" || key == "evidence", case .array(let items) = value else { return (key, value) }
                return (key, .array(items.map { item in
                    guard case .object(var finding) = item, let line = finding.first(where: { $0.0 == "line" }),
                        case .number(let number) = line.1, let place = source.place(ofLine: number)
                    else { return item }
                    finding.append(("page", .number(place.page)))
                    finding.append(("page_line", .number(place.line)))
                    return .object(finding)
                }))
            }
        }
        fields.append(("extracted", result.extraction.json))
        fields.append(("input", result.source.map { source in
            .object([("format", .string(source.format.rawValue)), ("pages", .number(source.pageCount))])
        } ?? .null))
        fields.append(("cannot_judge", result.cannotJudge?.json ?? .null))
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
        var heading = "\(result.report.path.terminalSafe): \(e.kind.rawValue)"
        if let source = result.source, source.format != .text {
            heading += " (from \(source.format.rawValue)" + (source.pageCount > 0 ? ", \(source.pageCount) pages" : "") + ")"
        }
        var judged = ""
        if let verdict = result.cannotJudge { judged = "  cannot judge    \(verdict.message.terminalSafe)\n" }
        return heading + "\n" + judged + rows.map { "  " + $0.0.padding(toLength: 16, withPad: " ", startingAt: 0) + $0.1 + "\n" }.joined()
    }
}
