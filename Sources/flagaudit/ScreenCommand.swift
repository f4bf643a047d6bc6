import ArgumentParser
import FlagAudit
import Foundation

struct ScreenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "screen",
        abstract: "Pre-screen raw texts (abstract, full text, news or blog, atlas page): extract design facts and suggest flags."
    )

    @Argument(help: "Text files to screen, or directories of .txt / .md files.")
    var files: [String]

    @Option(help: "Output format: text or json.")
    var format: CheckCommand.Format = .text

    @OptionGroup var rules: PackOption

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

    func run() async throws {
        let pack = try rules.load()
        let discovery = EntryDiscovery(extensions: [".txt", ".md", ".text"]).files(under: files)
        for path in discovery.unreadable {
            Output.error("\(path): error: no such file or directory, or not readable")
            throw ExitCode(ExitStatus.untrusted)
        }
        let screener = Screener(pack: pack)
        let paths = discovery.files
        if !emitEntry {
            // Screened on all cores and written text by text, in input order.
            try await stream(paths, screener: screener)
            return
        }
        var results: [Screener.Result] = []
        await OrderedWork.run(count: paths.count, job: { screener.screen(contentsOf: paths[$0]) }) { results.append($0) }
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
        var printer = ScreenPrinter(format: format)
        results.forEach { printer.add($0) }
        try printer.finish(failOn: failOn.threshold)
    }

    private func stream(_ paths: [String], screener: Screener) async throws {
        var printer = ScreenPrinter(format: format)
        await OrderedWork.run(count: paths.count, job: { screener.screen(contentsOf: paths[$0]) }) { printer.add($0) }
        try printer.finish(failOn: failOn.threshold)
    }

    /// The study object of `check`, plus what was extracted (cli.md).
    static func json(_ result: Screener.Result) -> JSONValue {
        guard case .object(var fields) = JSONReporter().study(result.report) else { return .null }
        fields.append(("extracted", result.extraction.json))
        return .object(fields)
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

/// Prints screening results one by one (text or the JSON of cli.md) and the exit status.
struct ScreenPrinter {
    let format: CheckCommand.Format
    private let sink = BufferedOutput()
    private var studies = 0
    private var counts: [Severity: Int] = [:]

    init(format: CheckCommand.Format) {
        self.format = format
        if format == .json { sink.write(JSONReporter.streamHeader) }
    }

    mutating func add(_ result: Screener.Result) {
        if format == .json {
            sink.write(JSONReporter.streamItem(ScreenCommand.json(result), first: studies == 0))
        } else {
            sink.write(ScreenCommand.describe(result) + TextReporter().render(study: result.report) + "\n")
        }
        studies += 1
        for finding in result.report.findings { counts[finding.severity, default: 0] += 1 }
    }

    func finish(failOn threshold: Severity?) throws {
        if format == .json { sink.write(JSONReporter.streamFooter(studies: studies) { counts[$0] ?? 0 }) }
        try Stopping.onDiagnostics { () throws(DiagnosticError) in try sink.close() }
        if let threshold, counts.contains(where: { $0.key >= threshold && $0.value > 0 }) { throw ExitCode(ExitStatus.findings) }
    }
}
