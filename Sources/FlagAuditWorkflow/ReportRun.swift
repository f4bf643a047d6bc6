import FlagAuditEngine
import FlagAuditLoading
import FlagAuditModel
import FlagAuditReporting
import Foundation

/// One `report`: the reviewers' quality report of a set of entries, `report.html`
/// (self-contained) and `report.md`, written as the audit streams.
public struct ReportRun {
    public struct Options: Sendable {
        /// Entry files or directories; none: `seeds`.
        public var paths: [String] = []
        public var directory = "reports"
        /// The rule pack folder; nil: the pack built into flagaudit.
        public var rulesDirectory: String?
        /// The claim model (`--claims-model`); nil: the linear model if the pack ships one.
        public var claimModel: ClaimModelChoice?
        /// The configuration file (`--config`, or `FLAGAUDIT_CONFIG`); nil: the nearest
        /// `.flagaudit.yml` from `configurationSearch` up.
        public var configurationPath: String?
        /// Where the search for `.flagaudit.yml` starts; nil: no search.
        public var configurationSearch: String? = "."
        /// Keep the transformer's decisions here between runs (`--cache DIR`; see `ClaimCacheStore`).
        public var cacheDirectory: String?
        /// The report's provenance line; nil: made from the date, the versions and the paths.
        public var provenance: String?
        /// `csv`: a study a row on standard output instead of the two files.
        public var csv = false

        public init() {}
    }

    public var options: Options

    public init(_ options: Options) { self.options = options }

    public func run(console: Console) async -> Int32 {
        await RunFailure.exitStatus(on: console) { () async throws(RunFailure) in
            try await report(console: console)
            return ExitStatus.clean
        }
    }

    private func report(console: Console) async throws(RunFailure) {
        let setup = try RunSetup.resolve(
            configurationPath: options.configurationPath, searchingFrom: options.configurationSearch,
            rulesDirectory: options.rulesDirectory, claimModel: options.claimModel)
        var pack = setup.pack
        var cache = try options.cacheDirectory.flatMap { directory throws(RunFailure) in
            try ClaimCacheStore(directory: directory, pack: pack, console: console)
        }
        if let cache { pack = cache.applied(to: pack) }
        let (files, skipped) = try RunFailure.discover(options.paths.isEmpty ? ["seeds"] : options.paths, with: setup.discovery())
        skipped.forEach(console.message)
        if options.csv {
            // Streamed in order; nothing is written to the report folder.
            let table = CSVReport(report: QualityReport(tally: QualityTally(), pack: pack))
            console.write(table.header)
            await Auditor(pack: pack).audit(files: files, keepStudies: true, prepare: { table.row($0) }) { study, row in
                cache?.add(study.claimDecisions)
                console.write(row)
            }
            try cache?.save(console: console)
            return
        }
        let out = options.directory
        try ReportRun.makeDirectory(out)
        let (htmlFile, markdownFile) = try RunFailure.onFileError { () throws(FileError) in
            (try AtomicFileStream(path: out + "/report.html"), try AtomicFileStream(path: out + "/report.md"))
        }
        // Each study's pieces are rendered on the workers and set aside (`Spool`), since both
        // documents open with counts of the whole set. A large set is paged: its studies
        // are one JSON array the page's script shows a page at a time (`HTMLReport`).
        let paged = HTMLReport.pages(files.count)
        let pieces = QualityReport(tally: QualityTally(), pack: pack)
        let html = HTMLReport(report: pieces, paged: paged), markdown = MarkdownQualityReport(report: pieces)
        let rows = Spool(), cards = Spool(), markdownRows = Spool(), sections = Spool()
        var tally = QualityTally()
        await Auditor(pack: pack).audit(files: files, prepare: { study in
            paged ? ["", html.piece(study, first: false), markdown.row(study), markdown.section(study)]
                : [html.matrixRow(study), html.card(study), markdown.row(study), markdown.section(study)]
        }) { study, rendered in
            cache?.add(study.claimDecisions)
            // The array's first element has no comma before it.
            cards.write(paged && tally.studies == 0 ? String(rendered[1].dropFirst()) : rendered[1])
            tally.add(study)
            rows.write(rendered[0])
            markdownRows.write(rendered[2])
            sections.write(rendered[3])
        }
        var report = QualityReport(tally: tally, pack: pack)
        report.provenance = options.provenance ?? ReportRun.provenance(pack: pack, paths: options.paths.isEmpty ? ["seeds"] : options.paths)
        let page = HTMLReport(report: report, paged: paged)
        try RunFailure.onFileError { () throws(FileError) in
            try ReportRun.write(htmlFile, page.opening(), rows, page.middle(), cards, page.closing())
            try ReportRun.write(
                markdownFile, MarkdownQualityReport(report: report).opening(), markdownRows, MarkdownQualityReport(report: report).middle(),
                sections, "")
        }
        console.message("wrote \(out)/report.html and \(out)/report.md (\(tally.studies) studies)")
        try cache?.save(console: console)
    }

    /// "Generated DATE by flagaudit VERSION, rule pack NAME VERSION, claims read by MODEL; entries
    /// from PATHS." The date is today's (UTC), or `SOURCE_DATE_EPOCH`'s for a reproducible build.
    static func provenance(pack: RulePack, paths: [String], environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        let date = environment["SOURCE_DATE_EPOCH"].flatMap(Double.init).map { Date(timeIntervalSince1970: $0) } ?? Date()
        let day = date.formatted(Date.ISO8601FormatStyle(timeZone: TimeZone(identifier: "UTC")!).year().month().day())
        return "Generated \(day) by \(Provenance(pack: pack).line); entries from \(paths.map { PathText.shown($0) }.joined(separator: ", "))."
    }

    /// The output directory, made if it is missing; a path that cannot be one is refused
    /// before the audit starts, as an unreadable input is.
    private static func makeDirectory(_ path: String) throws(RunFailure) {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
            if isDirectory.boolValue { return }
            throw RunFailure(lines: ["\(path): error: cannot write the report here: a file has that name, not a directory"])
        }
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            // The system's reason, as for an unreadable entry (Foundation's wording names no cause).
            if mkdir(path, 0o777) == 0 { return }
            throw RunFailure(lines: ["\(path): error: cannot create the report directory: \(String(cString: strerror(errno)).lowercased())"])
        }
    }

    /// A document from its opening, the studies' first pieces, the middle, their second pieces, and the closing.
    private static func write(
        _ file: AtomicFileStream, _ opening: String, _ first: Spool, _ middle: String, _ second: Spool, _ closing: String
    ) throws(FileError) {
        var failure: FileError?
        func write(_ text: String) {
            guard failure == nil else { return }
            do throws(FileError) { try file.write(text) } catch { failure = error }
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
