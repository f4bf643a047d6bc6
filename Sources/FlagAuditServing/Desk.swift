import Foundation
import FlagAuditEngine
import FlagAuditIngest
import FlagAuditLoading
import FlagAuditModel
import FlagAuditReporting
import FlagAuditScreening

/// What the editors' desk does with a submission, apart from HTTP: an entry (YAML) is checked as
/// `check` would, anything else is screened as `screen` would, with the same pack.
public struct Desk: Sendable {
    public let pack: RulePack
    let screener: Screener
    let loader: StudyLoader
    let auditor: Auditor

    public init(pack: RulePack, ingest: Ingest = Ingest()) {
        self.pack = pack
        self.screener = Screener(pack: pack, ingest: ingest)
        self.loader = StudyLoader(vocabulary: pack.vocabulary)
        self.auditor = Auditor(pack: pack)
    }

    /// What came back: a screened text, or an entry's audit.
    enum Outcome: Sendable {
        case screened(Screener.Result)
        case checked(StudyReport)
    }

    /// An entry is a `.yaml`/`.yml` file, or pasted text whose first line that is no comment
    /// starts with `id:`, as every entry of the entry format does.
    static func isEntry(name: String, bytes: [UInt8]) -> Bool {
        let lower = name.lowercased()
        if lower.hasSuffix(".yaml") || lower.hasSuffix(".yml") { return true }
        guard !lower.contains(".") || lower.hasSuffix(".txt") else { return false }
        let head = String(decoding: bytes.prefix(4096), as: UTF8.self)
        let first = head.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.first { !$0.isEmpty && !$0.hasPrefix("#") && $0 != "---" }
        return first?.hasPrefix("id:") == true
    }

    /// What to do with a submission: the page decides by what it is, the API by its endpoint.
    enum Handling: Sendable {
        case byContent
        case screen
        case check
    }

    func submit(_ bytes: [UInt8], name: String, as handling: Handling = .byContent) -> Outcome {
        if handling == .check || handling == .byContent && Desk.isEntry(name: name, bytes: bytes) { return .checked(auditor.audit(loader.load(path: name, bytes: bytes))) }
        return .screened(screener.screen(bytes: bytes, name: name))
    }

    /// The draft entry `screen --emit-entry` would write.
    func draft(_ result: Screener.Result) -> String { EntryWriter(vocabulary: pack.vocabulary).yaml(for: result) }

    /// The JSON the API answers with: `screen --format json`'s study, with the draft entry.
    func json(_ outcome: Outcome) -> JSONValue {
        switch outcome {
        case .screened(let result):
            guard case .object(var fields) = ScreenReport.json(result) else { return .null }
            if !result.isUnreadable { fields.append(("draft_entry", .string(draft(result)))) }
            return .object(fields)
        case .checked(let report):
            return JSONReporter().study(report)
        }
    }
}
