import ArgumentParser
import FlagAudit
import Foundation

struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write the quality report of a set of entries: report.html (self-contained) and report.md."
    )

    @Argument(help: "Entry files or directories (default: seeds).")
    var paths: [String] = []

    @Option(help: "Directory to write report.html and report.md into.")
    var out: String = "reports"

    @OptionGroup var rules: PackOption

    func run() async throws {
        let pack = try rules.load()
        let discovery = EntryDiscovery().files(under: paths.isEmpty ? ["seeds"] : paths)
        if !discovery.unreadable.isEmpty {
            for path in discovery.unreadable { Output.error("\(path): error: no such file or directory, or not readable") }
            throw ExitCode(ExitStatus.untrusted)
        }
        let audit = await Auditor(pack: pack).audit(files: discovery.files)
        let report = QualityReport(audit: audit, pack: pack)
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        try Stopping.onDiagnostics { () throws(DiagnosticError) in
            try AtomicFile.write(HTMLReport(report: report).render(), to: out + "/report.html")
            try AtomicFile.write(MarkdownQualityReport(report: report).render(), to: out + "/report.md")
        }
        Output.error("wrote \(out)/report.html and \(out)/report.md (\(audit.studies.count) studies)")
    }
}
