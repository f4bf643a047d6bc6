import ArgumentParser
import FlagAudit
import Foundation

struct CheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Audit study entries (files or directories) with a rule pack."
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    enum FailOn: String, ExpressibleByArgument, CaseIterable {
        case error, warning, info, never

        var threshold: Severity? { Severity(rawValue: rawValue) }
    }

    @Argument(help: "Entry files or directories (default: seeds).")
    var paths: [String] = []

    @Option(help: "Output format: \(Format.allCases.map(\.rawValue).joined(separator: ", ")).")
    var format: Format = .text

    @Option(name: .customLong("fail-on"), help: "Exit 1 when a finding is at or above this severity (error, warning, info, never).")
    var failOn: FailOn = .error

    @Option(name: .customLong("rules"), help: "The rule pack directory.")
    var rulesDirectory: String = "rules"

    func run() async throws {
        let pack = try PackLoading.load(rulesDirectory)
        let discovery = EntryDiscovery().files(under: paths.isEmpty ? ["seeds"] : paths)
        if !discovery.unreadable.isEmpty {
            for path in discovery.unreadable { Output.error("\(path): error: no such file or directory, or not readable") }
            throw ExitCode(ExitStatus.untrusted)
        }
        let report = await Auditor(pack: pack).audit(files: discovery.files)
        switch format {
        case .text: Output.write(TextReporter().render(report))
        case .json: Output.write(JSONReporter().render(report))
        }
        if report.fails(at: failOn.threshold) { throw ExitCode(ExitStatus.findings) }
    }
}
