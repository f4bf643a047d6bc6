import FlagAuditEngine
import FlagAuditLoading
import FlagAuditModel
import FlagAuditReporting
import Foundation

/// One `check`: which pack and configuration apply, which files, the baseline, fixing, the
/// streamed report and the exit status. The command line only parses options into `Options`.
///
/// Precedence, for every setting the configuration file can hold: the option given, then the
/// configuration's value, then the default (the built-in pack, fail on `error`, paths `seeds`).
/// Nothing is fixed or written until the configuration, the pack, the inputs, the baseline and
/// the output have all been checked, so a refused run leaves every file as it was.
public struct AuditRun {
    public enum FixMode: Sendable { case off, apply, preview }

    public struct Options: Sendable {
        /// Entry files or directories; none: `seeds`.
        public var paths: [String] = []
        public var format: OutputFormat = .text
        /// nil: not given; `.some(nil)`: never fail.
        public var failOn: Severity?? = nil
        public var rulesDirectory: String?
        /// The claim model (`--claims-model`); nil: the linear model if the pack ships one.
        public var claimModel: ClaimModelChoice?
        /// The configuration file (`--config`, or `FLAGAUDIT_CONFIG`); nil: the nearest
        /// `.flagaudit.yml` from `configurationSearch` up.
        public var configurationPath: String?
        /// Where the search for `.flagaudit.yml` starts; nil: no search.
        public var configurationSearch: String? = "."
        /// Write the report here (atomically) instead of to the console.
        public var outputPath: String?
        /// Report only findings that are not in this baseline.
        public var baselinePath: String?
        /// Report (and fix) only the entries git says changed since this ref; the others are
        /// still read, for links and duplicate ids.
        public var changedSince: String?
        /// How text output marks up its lines (colour on a terminal).
        public var textStyle = TextStyle.plain
        /// `--quiet`: findings only (no summary line, flag notes, skip notes or progress).
        public var quiet = false
        /// Show progress on standard error (the command line asks for it on a terminal only).
        public var showsProgress = false
        /// Standard output is the same terminal: the progress line is wiped before each report line.
        public var progressSharesOutput = false
        /// Record the findings reported (after the baseline) into this file.
        public var writeBaselinePath: String?
        /// `apply`: fix the entries, then audit them as they now are; `preview`: print the diffs only.
        public var fix: FixMode = .off
        /// Keep the transformer's decisions here between runs (`--cache DIR`; see `ClaimCacheStore`).
        public var cacheDirectory: String?

        public init() {}
    }

    public var options: Options

    public init(_ options: Options) { self.options = options }

    /// Runs the audit and returns its exit status; every problem is written to the console.
    public func run(console: Console) async -> Int32 {
        await RunFailure.exitStatus(on: console) { () async throws(RunFailure) in try await audit(console: console) }
    }

    /// What the options and the configuration decide together, before any work is done.
    public struct Plan {
        public var configuration: Configuration?
        public var pack: RulePack
        public var threshold: Severity?
        public var files: [String]
        /// Notes on what the walk left out (FIFOs, links out of the folders given).
        public var skipped: [String] = []
    }

    public func plan() throws(RunFailure) -> Plan {
        let setup = try RunSetup.resolve(
            configurationPath: options.configurationPath, searchingFrom: options.configurationSearch,
            rulesDirectory: options.rulesDirectory, claimModel: options.claimModel)
        let threshold: Severity? = options.failOn ?? setup.configuration?.failOn ?? .error
        let (files, skipped) = try RunFailure.discover(options.paths.isEmpty ? ["seeds"] : options.paths, with: setup.discovery())
        return Plan(configuration: setup.configuration, pack: setup.pack, threshold: threshold, files: files, skipped: skipped)
    }

    private func audit(console: Console) async throws(RunFailure) -> Int32 {
        var plan = try plan()
        if !options.quiet { plan.skipped.forEach(console.message) }
        if let output = options.outputPath {
            // The report must not replace an entry it reads (`check dir --output dir/x.yaml`).
            let real = RawPath.resolved(output)
            if RawPath.status(real).exists, let input = plan.files.first(where: { RawPath.resolved($0) == real })
            {
                throw RunFailure(lines: ["\(output): error: --output would replace the entry \(input), which this run audits"])
            }
        }
        var cache = try options.cacheDirectory.flatMap { directory throws(RunFailure) in
            try ClaimCacheStore(directory: directory, pack: plan.pack, console: console)
        }
        if let cache { plan.pack = cache.applied(to: plan.pack) }
        // Only SARIF shows fixes (as replacements); the other reports leave them to the fixing
        // pass, which works them out again from the file it writes.
        let auditor = Auditor(pack: plan.pack, makesFixes: options.format == .sarif)
        let accepted = try options.baselinePath.map { path throws(RunFailure) in
            try RunFailure.onDiagnostics { () throws(DiagnosticError) in
                var baseline = try Baseline(contentsOf: path)
                if let root = plan.configuration?.root { baseline.root = root }
                return baseline
            }
        }
        let sink = try RunFailure.onFileError { () throws(FileError) in
            // A preview's standard output is a patch (`| git apply`); its report goes beside the messages.
            try options.outputPath.map { path throws(FileError) in try ReportSink(path: path) }
                ?? ReportSink(console: options.fix == .preview ? console.writeError : console.write)
        }
        // Opened now, so that a baseline that cannot be written stops the run before any entry is fixed.
        let baselineFile = try options.writeBaselinePath.map { path throws(RunFailure) in
            try RunFailure.onFileError { () throws(FileError) in try AtomicFileStream(path: path) }
        }
        let changed = try options.changedSince.map { reference throws(RunFailure) in try ChangedEntries(since: reference) }
        if options.fix != .off {
            // Fixed as the audit streams by, each entry as soon as its report is final; the
            // report below is then made of the files as they now are.
            try await fix(plan.files, only: changed, auditor: Auditor(pack: plan.pack), console: console)
        }
        // Written study by study: memory stays flat (see `StreamingReport`). A baseline
        // filters each study on the workers; the one to write gathers keys as studies pass.
        let streaming = options.format.streaming(
            pack: plan.pack, threshold: plan.threshold, text: TextReporter(style: options.textStyle, quiet: options.quiet))
        var progress = options.showsProgress ? ProgressLine(total: plan.files.count, noun: "entries", write: console.writeError) : nil
        var recorded = Baseline()
        if let root = plan.configuration?.root { recorded.root = root }
        var stream = StreamingReport(format: streaming, write: sink.write)
        await auditor.audit(files: plan.files, keepStudies: false, prepare: { report in
            let kept = accepted?.filter(report) ?? report
            // An unchanged entry is shown when a changed one repeats its id: the pair is the news.
            let shown = changed.map { changed in
                changed.contains(report.path) || report.findings.contains {
                    $0.rule == BuiltinCheck.duplicateID.rawValue && $0.related.contains { changed.contains($0.path) }
                }
            } ?? true
            return (kept, shown ? StreamingReport.render(kept, format: streaming) : nil)
        }) { report, prepared in
            if options.writeBaselinePath != nil { recorded.record(report) }
            cache?.add(report.claimDecisions)
            if let rendered = prepared.1 {
                // The line is wiped before output that shares the terminal with it.
                if options.progressSharesOutput, options.outputPath == nil, !rendered.isEmpty { progress?.hide() }
                stream.add(prepared.0, rendered: rendered)
            }
            progress?.advance()
        }
        progress?.hide()
        stream.finish()
        try RunFailure.onFileError { () throws(FileError) in try sink.close() }
        try cache?.save(console: console)
        if let path = options.writeBaselinePath, let baselineFile {
            try RunFailure.onFileError { () throws(FileError) in
                try baselineFile.write(recorded.serialized())
                try baselineFile.commit()
            }
            console.message("wrote baseline of \(recorded.counts.values.reduce(0, +)) findings to \(path)")
        }
        return stream.exitStatus(failOn: plan.threshold)
    }

    /// Fixes every fixable file (or prints the diff, in preview) as the audit hands its reports
    /// over, so no more than a window of studies is held at once. A file that cannot be
    /// written stops the fixing (later files are left as they are) and the run.
    private func fix(_ files: [String], only changed: ChangedEntries?, auditor: Auditor, console: Console) async throws(RunFailure) {
        let fixer = EntryFixer(vocabulary: auditor.pack.vocabulary)
        var failure: FileError?
        await auditor.audit(files: files) { study in
            guard failure == nil, changed?.contains(study.path) ?? true else { return }
            let wanted = !study.missingFlags.isEmpty || study.findings.contains { $0.fix != nil }
            guard wanted, let audited = study.source else { return }
            // Written under the lock, and only while the file still holds the bytes audited: an
            // edit located in other bytes (another run's fix, an editor's save) lands elsewhere,
            // or adds a flag a second time. A preview writes nothing and takes no lock.
            var lock: EntryLock?
            do throws(EntryLock.Failure) {
                if options.fix == .apply { lock = try EntryLock(path: study.path) }
                let limit = YAMLLimits.entry.maxBytes
                let current = if let lock { try lock.read(limit: limit) } else { try EntryLock.read(study.path, limit: limit) }
                guard current == audited else { throw .changed }
            } catch {
                console.message("\(study.path): not fixed: \(error.reason)")
                return
            }
            let fix = fixer.fix(study, source: String(decoding: audited, as: UTF8.self))
            if let reason = fix.skipped {
                console.message("\(study.path): not fixed: \(reason)")
                return
            }
            guard fix.changed else {
                // Refused edits (the file changed, flags that cannot be added safely) are said.
                if !fix.changes.isEmpty { console.message("\(fix.path): not fixed: \(fix.changes.joined(separator: "; "))") }
                return
            }
            if options.fix == .preview {
                console.write(UnifiedDiff.render(old: fix.original, new: fix.fixed, path: PathText.shown(PathText.absolute(fix.path))))
                return
            }
            do throws(FileError) {
                try withExtendedLifetime(lock) { () throws(FileError) in try AtomicFile.write(fix.fixed, to: fix.path) }
                console.message("\(fix.path): fixed: \(fix.changes.joined(separator: "; "))")
            } catch {
                failure = error
            }
        }
        if let failure { throw RunFailure(failure) }
    }
}
