import ArgumentParser
import FlagAudit
import Foundation

struct CheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Audit study entries (files or directories) with a rule pack."
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json, sarif, junit, github, markdown
    }

    enum FailOn: String, ExpressibleByArgument, CaseIterable {
        case error, warning, info, never

        var threshold: Severity? { Severity(rawValue: rawValue) }
    }

    @Argument(help: "Entry files or directories (default: seeds).")
    var paths: [String] = []

    @Option(help: "Output format: \(Format.allCases.map(\.rawValue).joined(separator: ", ")).")
    var format: Format = .text

    @Option(name: .customLong("fail-on"), help: "Exit 1 when a finding is at or above this severity: error (default), warning, info, never.")
    var failOn: FailOn?

    @Option(name: .customLong("rules"), help: "The rule pack directory (default: rules, or the configuration's).")
    var rulesDirectory: String?

    @Option(help: "Configuration file (default: .flagaudit.yml when present).")
    var config: String?

    @Option(help: "Write the report to this file (atomically) instead of standard output.")
    var output: String?

    @Option(help: "Report only findings that are not in this baseline file.")
    var baseline: String?

    @Option(name: .customLong("write-baseline"), help: "Record the current findings as a baseline file.")
    var writeBaseline: String?

    @Flag(help: "Add missing suggested flags and rewrite non-canonical spellings in the entry files.")
    var fix = false

    @Flag(name: .customLong("dry-run"), help: "With --fix: print the changes as a diff, write nothing.")
    var dryRun = false

    func validate() throws {
        if dryRun && !fix { throw ValidationError("--dry-run goes with --fix") }
    }

    func run() async throws {
        let configuration = try Stopping.onDiagnostics { () throws(DiagnosticError) -> Configuration? in
            if let config { return try Configuration.load(config) }
            return FileManager.default.fileExists(atPath: Configuration.defaultPath) ? try Configuration.load(Configuration.defaultPath) : nil
        }
        let loaded = try PackLoading.load(rulesDirectory ?? configuration?.rules ?? "rules")
        let pack = try Stopping.onDiagnostics { () throws(DiagnosticError) in try configuration?.apply(to: loaded) ?? loaded }
        let threshold: Severity? = failOn.map(\.threshold) ?? configuration?.failOn ?? .error
        let discovery = EntryDiscovery(excluded: configuration?.exclude ?? []).files(under: paths.isEmpty ? ["seeds"] : paths)
        if !discovery.unreadable.isEmpty {
            for path in discovery.unreadable { Output.error("\(path): error: no such file or directory, or not readable") }
            throw ExitCode(ExitStatus.untrusted)
        }
        let auditor = Auditor(pack: pack)
        // Written study by study: memory stays flat (see `StreamingReport`). A baseline
        // filters each study on the workers; the one to write gathers keys as studies pass.
        // Both, and the output, are checked before any file is fixed.
        let accepted = try baseline.map { path in try Stopping.onDiagnostics { () throws(DiagnosticError) in try Baseline(contentsOf: path) } }
        var recorded = Baseline()
        let streaming = streamingFormat(pack: pack, threshold: threshold)
        let sink = try output.map { path in try Stopping.onDiagnostics { () throws(DiagnosticError) in try BufferedOutput(path: path) } }
            ?? BufferedOutput()
        if fix {
            // Fixed as the audit streams by, each entry as soon as its report is final; the
            // report below is then made of the files as they now are.
            try await applyFixes(auditor: auditor, files: discovery.files, vocabulary: pack.vocabulary)
        }
        var stream = StreamingReport(format: streaming, write: sink.write)
        await auditor.audit(files: discovery.files, keepStudies: false, prepare: { report in
            let kept = accepted?.filter(report) ?? report
            return (kept, StreamingReport.render(kept, format: streaming))
        }) { report, prepared in
            if writeBaseline != nil { recorded.record(report) }
            stream.add(prepared.0, rendered: prepared.1)
        }
        stream.finish()
        try Stopping.onDiagnostics { () throws(DiagnosticError) in try sink.close() }
        if let writeBaseline {
            try Stopping.onDiagnostics { () throws(DiagnosticError) in try AtomicFile.write(recorded.serialized(), to: writeBaseline) }
            Output.error("wrote baseline of \(recorded.counts.values.reduce(0, +)) findings to \(writeBaseline)")
        }
        let status = stream.exitStatus(failOn: threshold)
        if status != 0 { throw ExitCode(status) }
    }

    private func streamingFormat(pack: RulePack, threshold: Severity?) -> StreamingReport.Format {
        switch format {
        case .text: .text
        case .json: .json
        case .github: .github
        case .sarif: .sarif(SARIFReporter(rules: RuleDescriptor.catalog(of: pack)))
        case .junit: .junit(JUnitReporter(threshold: threshold))
        case .markdown: .markdown
        }
    }

    /// Fixes every fixable file (or prints the diff, with --dry-run) as the audit hands its
    /// reports over, so no more than a window of studies is held at once. A file that cannot
    /// be written stops the fixing (later files are left as they are) and the command.
    private func applyFixes(auditor: Auditor, files: [String], vocabulary: Vocabulary) async throws {
        let fixer = EntryFixer(vocabulary: vocabulary)
        var failure: DiagnosticError?
        await auditor.audit(files: files) { study in
            guard failure == nil, let bytes = try? FileInput.read(study.path, limit: YAMLLimits.entry.maxBytes) else { return }
            let fix = fixer.fix(study, source: String(decoding: bytes, as: UTF8.self))
            if let reason = fix.skipped {
                if !study.missingFlags.isEmpty || study.findings.contains(where: { $0.rule == BuiltinCheck.nonCanonicalTerm.rawValue }) {
                    Output.error("\(study.path): not fixed: \(reason)")
                }
                return
            }
            guard fix.changed else { return }
            if dryRun {
                Output.error(UnifiedDiff.render(old: fix.original, new: fix.fixed, path: fix.path), terminator: "")
                return
            }
            do throws(DiagnosticError) {
                try AtomicFile.write(fix.fixed, to: fix.path)
                Output.error("\(fix.path): fixed: \(fix.changes.joined(separator: "; "))")
            } catch {
                failure = error
            }
        }
        if let failure { try Stopping.onDiagnostics { () throws(DiagnosticError) in throw failure } }
    }
}

/// Turns located diagnostics into messages on standard error and exit status 2.
enum Stopping {
    static func onDiagnostics<T>(_ body: () throws(DiagnosticError) -> T) throws -> T {
        do {
            return try body()
        } catch {
            for diagnostic in error.diagnostics { Output.error(diagnostic.description) }
            throw ExitCode(ExitStatus.untrusted)
        }
    }
}
