import ArgumentParser
import FlagAudit
import Foundation

struct ScreenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "screen",
        abstract: "Pre-screen raw texts (abstract, full text, news or blog, atlas page): extract design facts and suggest flags."
    )

    @Argument(help: "Text files to screen, or directories of .txt / .md files.")
    var files: [String]

    @Option(help: "Output format: text or json.")
    var format: CheckCommand.Format = .text

    @Option(name: .customLong("rules"), help: "The rule pack directory.")
    var rulesDirectory: String = "rules"

    @Flag(name: .customLong("emit-entry"), help: "Write a draft entry (review_status: machine-draft) for each text: to standard output, or into --out.")
    var emitEntry = false

    @Option(help: "With --emit-entry: the directory to write <id>.yaml drafts into.")
    var out: String?

    @Flag(help: "With --emit-entry --out: replace existing draft files.")
    var force = false

    @Option(name: .customLong("fail-on"), help: "Exit 1 when a finding is at or above this severity (default never: screening informs, it does not gate).")
    var failOn: CheckCommand.FailOn = .never

    func validate() throws {
        if format != .text && format != .json { throw ValidationError("screen prints text or json") }
        if out != nil && !emitEntry { throw ValidationError("--out goes with --emit-entry") }
        if emitEntry && out == nil && files.count > 1 { throw ValidationError("--emit-entry for several files needs --out DIR") }
    }

    func run() throws {
        let pack = try PackLoading.load(rulesDirectory)
        let discovery = EntryDiscovery(extensions: [".txt", ".md", ".text"]).files(under: files)
        for path in discovery.unreadable {
            Output.error("\(path): error: no such file or directory, or not readable")
            throw ExitCode(ExitStatus.untrusted)
        }
        let screener = Screener(pack: pack)
        let results = discovery.files.map { screener.screen(contentsOf: $0) }
        let writer = EntryWriter(vocabulary: pack.vocabulary)
        if emitEntry {
            guard let out else {
                Output.write(writer.yaml(for: results[0]))
                return
            }
            try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
            for result in results {
                let path = out + "/" + (result.study.id ?? "screened-text") + ".yaml"
                if FileManager.default.fileExists(atPath: path) && !force {
                    Output.error("\(path): exists; not overwritten (use --force)")
                    throw ExitCode(ExitStatus.untrusted)
                }
                try Stopping.onDiagnostics { () throws(DiagnosticError) in try AtomicFile.write(writer.yaml(for: result), to: path) }
                Output.error("wrote \(path)")
            }
        }
        let report = AuditReport(studies: results.map(\.report))
        switch format {
        case .json:
            let reporter = JSONReporter()
            let studies = results.map { result -> JSONValue in
                guard case .object(var fields) = reporter.study(result.report) else { return .null }
                fields.append(("extracted", result.extraction.json))
                return .object(fields)
            }
            Output.write(JSONValue.object([
                ("tool", .object([("name", .string(JSONReporter.toolName)), ("version", .string(JSONReporter.version))])),
                ("studies", .array(studies)),
                ("summary", .object([
                    ("studies", .number(results.count)), ("error", .number(report.count(.error))),
                    ("warning", .number(report.count(.warning))), ("info", .number(report.count(.info))),
                ])),
            ]).serialized() + "\n")
        default:
            var text = ""
            for result in results {
                text += ScreenCommand.describe(result)
                text += TextReporter().render(AuditReport(studies: [result.report])).split(separator: "\n").dropLast().map { $0 + "\n" }.joined()
                text += "\n"
            }
            Output.write(text)
        }
        let status = report.exitStatus(failOn: failOn.threshold)
        if status != 0 { throw ExitCode(status) }
    }

    static func describe(_ result: Screener.Result) -> String {
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
        return "\(result.report.path): \(e.kind.rawValue)\n" + rows.map { "  " + $0.0.padding(toLength: 16, withPad: " ", startingAt: 0) + $0.1 + "\n" }.joined()
    }
}
