import FlagAuditEngine
import FlagAuditLoading
import FlagAuditModel
import FlagAuditReporting
import FlagAuditScreening
import Foundation

/// One `screen`: raw texts screened on all cores and reported in input order, or written as
/// draft entries. Screening informs rather than gates, so it fails on no severity unless asked.
public struct ScreenRun {
    public struct Options: Sendable {
        /// Text, PDF, DOCX or HTML files, directories of them, or `-` for standard input.
        public var paths: [String] = []
        public var format: ScreenReport.Format = .text
        /// The rule pack folder; nil: the pack built into flagaudit.
        public var rulesDirectory: String?
        /// The claim model (`--claims-model`); nil: the linear model if the pack ships one.
        public var claimModel: ClaimModelChoice?
        /// The configuration file (`--config`, or `FLAGAUDIT_CONFIG`); nil: the nearest
        /// `.flagaudit.yml` from `configurationSearch` up.
        public var configurationPath: String?
        /// Where the search for `.flagaudit.yml` starts; nil: no search.
        public var configurationSearch: String? = "."
        /// Write a draft entry for each text (to the console, or into `draftsDirectory`).
        public var emitEntry = false
        public var draftsDirectory: String?
        /// Replace existing drafts.
        public var force = false
        public var failOn: Severity?

        public init() {}
    }

    /// What a directory is searched for (a file named on the command line is read whatever its name).
    public static let extensions = [".txt", ".md", ".text", ".pdf", ".docx", ".html", ".htm"]

    public var options: Options

    public init(_ options: Options) { self.options = options }

    public func run(console: Console) async -> Int32 {
        await RunFailure.exitStatus(on: console) { () async throws(RunFailure) in try await screen(console: console) }
    }

    private func screen(console: Console) async throws(RunFailure) -> Int32 {
        let setup = try RunSetup.resolve(
            configurationPath: options.configurationPath, searchingFrom: options.configurationSearch,
            rulesDirectory: options.rulesDirectory, claimModel: options.claimModel)
        let pack = setup.pack
        // `-` is standard input, read once and screened first.
        let readsInput = options.paths.contains("-")
        guard options.paths.filter({ $0 == "-" }).count <= 1 else { throw RunFailure(lines: ["error: '-' (standard input) can be given once"]) }
        let files = options.paths.filter { $0 != "-" }
        let (found, skipped) = files.isEmpty ? ([], []) : try RunFailure.discover(files, with: setup.discovery(extensions: ScreenRun.extensions))
        skipped.forEach(console.message)
        let paths = (readsInput ? ["-"] : []) + found
        let screener = Screener(pack: pack)
        let sink = ReportSink(console: console.write)
        var report = ScreenReport(format: options.format, provenance: Provenance(pack: pack), write: sink.write)
        if !options.emitEntry {
            // Screened on all cores and written text by text, in input order.
            await OrderedWork.run(count: paths.count, job: { screener.screen(contentsOf: paths[$0]) }) { report.add($0) }
        } else {
            var results: [Screener.Result] = []
            await OrderedWork.run(count: paths.count, job: { screener.screen(contentsOf: paths[$0]) }) { results.append($0) }
            // A text that could not be read gets no draft, only its report saying why.
            let unreadable = results.filter(\.isUnreadable)
            results.removeAll(where: \.isUnreadable)
            let writer = EntryWriter(vocabulary: pack.vocabulary)
            guard let directory = options.draftsDirectory else {
                // One draft goes to standard output; of several, all but the first would be lost.
                guard results.count <= 1 else {
                    throw RunFailure(lines: ["error: --emit-entry without --out writes one draft, and \(results.count) texts were found: give --out DIR"])
                }
                if let first = results.first { console.write(writer.yaml(for: first)) }
                // Standard output holds the draft alone: why a text was unreadable goes to standard error.
                for result in unreadable { console.message(TextReporter().render(study: result.report).trimmingCharacters(in: .newlines)) }
                return unreadable.isEmpty ? ExitStatus.clean : ExitStatus.untrusted
            }
            try write(results, with: writer, into: directory, console: console)
            (unreadable + results).forEach { report.add($0) }
        }
        report.finish()
        try RunFailure.onFileError { () throws(FileError) in try sink.close() }
        if report.unreadable > 0 { return ExitStatus.untrusted }
        return report.tally.fails(at: options.failOn) ? ExitStatus.findings : ExitStatus.clean
    }

    /// Each draft as `<id>.yaml`; an existing draft stops the run unless `force`.
    private func write(_ results: [Screener.Result], with writer: EntryWriter, into directory: String, console: Console) throws(RunFailure) {
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw RunFailure(lines: ["\(directory): error: cannot create the drafts directory: \(error.localizedDescription)"])
        }
        // Texts whose names make one slug (`d1/study.txt`, `d2/study.txt`, `Study A.txt`,
        // `study_a.txt`) get `-2`, `-3`, ... in input order: no draft of a run replaces another.
        var used: Set<String> = []
        for var result in results {
            let slug = result.study.id ?? "screened-text"
            var id = slug, next = 2
            while !used.insert(id).inserted {
                id = "\(slug)-\(next)"
                next += 1
            }
            if id != slug { result.study[.id] = .string(Located(id, at: result.study.origin)) }
            let path = directory + "/" + id + ".yaml"
            if FileManager.default.fileExists(atPath: path) && !options.force {
                throw RunFailure(lines: ["\(path): exists; not overwritten (use --force)"])
            }
            try RunFailure.onFileError { () throws(FileError) in try AtomicFile.write(writer.yaml(for: result), to: path) }
            console.message("wrote \(path)")
        }
    }
}
