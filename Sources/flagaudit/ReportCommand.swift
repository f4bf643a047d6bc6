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
        try ReportCommand.makeDirectory(out)
        let (htmlFile, markdownFile) = try Stopping.onDiagnostics { () throws(DiagnosticError) in
            (try AtomicFileStream(path: out + "/report.html"), try AtomicFileStream(path: out + "/report.md"))
        }
        // Written as the audit streams: each study's pieces are rendered on the workers and set
        // aside (`Spool`), since both documents open with counts of the whole set.
        let pieces = QualityReport(tally: QualityTally(), pack: pack)
        let html = HTMLReport(report: pieces), markdown = MarkdownQualityReport(report: pieces)
        let rows = Spool(), cards = Spool(), markdownRows = Spool(), sections = Spool()
        var tally = QualityTally()
        await Auditor(pack: pack).audit(files: discovery.files, prepare: { study in
            [html.matrixRow(study), html.card(study), markdown.row(study), markdown.section(study)]
        }) { study, rendered in
            tally.add(study)
            rows.write(rendered[0])
            cards.write(rendered[1])
            markdownRows.write(rendered[2])
            sections.write(rendered[3])
        }
        let report = QualityReport(tally: tally, pack: pack)
        try Stopping.onDiagnostics { () throws(DiagnosticError) in
            try ReportCommand.write(
                htmlFile, HTMLReport(report: report).opening(), rows, HTMLReport(report: report).middle(), cards, HTMLReport.closing)
            try ReportCommand.write(
                markdownFile, MarkdownQualityReport(report: report).opening(), markdownRows, MarkdownQualityReport(report: report).middle(),
                sections, "")
        }
        Output.error("wrote \(out)/report.html and \(out)/report.md (\(tally.studies) studies)")
    }

    /// The output directory, made if it is missing; a path that cannot be one is refused
    /// before the audit starts, as an unreadable input is (exit 2).
    private static func makeDirectory(_ path: String) throws {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
            if isDirectory.boolValue { return }
            Output.error("\(path): error: cannot write the report here: a file has that name, not a directory")
            throw ExitCode(ExitStatus.untrusted)
        }
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            // The system's reason, as for an unreadable entry (Foundation's wording names no cause).
            if mkdir(path, 0o777) == 0 { return }
            Output.error("\(path): error: cannot create the report directory: \(String(cString: strerror(errno)).lowercased())")
            throw ExitCode(ExitStatus.untrusted)
        }
    }

    /// A document from its opening, the studies' first pieces, the middle, their second pieces, and the closing.
    private static func write(
        _ file: AtomicFileStream, _ opening: String, _ first: Spool, _ middle: String, _ second: Spool, _ closing: String
    ) throws(DiagnosticError) {
        var failure: DiagnosticError?
        func write(_ text: String) {
            guard failure == nil else { return }
            do throws(DiagnosticError) { try file.write(text) } catch { failure = error }
        }
        write(opening)
        first.replay(into: write)
        write(middle)
        second.replay(into: write)
        write(closing)
        if let failure { throw failure }
        try file.commit()
    }
}
