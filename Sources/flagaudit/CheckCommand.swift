import ArgumentParser
import FlagAudit
import Foundation

extension OutputFormat: ExpressibleByArgument {}
extension TextStyle.ColorChoice: ExpressibleByArgument {}

struct CheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Audit study entries (files or directories) with a rule pack.",
        discussion: "Exit status: 0 no finding at or above --fail-on, 1 at least one, 2 the audit cannot be trusted (an unusable rule pack, configuration or baseline, a path that does not exist, an output that cannot be written, a usage error). A malformed entry is an error finding, not exit 2."
    )

    enum FailOn: String, ExpressibleByArgument, CaseIterable {
        case error, warning, info, never

        /// nil: never fail.
        var threshold: Severity? { Severity(rawValue: rawValue) }
    }

    @Argument(help: "Entry files or directories (default: seeds).")
    var paths: [String] = []

    @Option(help: "Output format: \(OutputFormat.allCases.map(\.rawValue).joined(separator: ", ")).")
    var format: OutputFormat = .text

    @Option(name: .customLong("fail-on"), help: "Exit 1 when a finding is at or above this severity: error (default), warning, info, never.")
    var failOn: FailOn?

    @Option(name: .customLong("rules"), help: "The rule pack directory (default: the configuration's 'rules:', else the pack built into flagaudit).")
    var rulesDirectory: String?

    @Option(name: .customLong("claims-model"), help: "The claim-strength model: transformer, linear or lexicon (default: linear).")
    var claimModel: ClaimModelChoice?

    @Option(help: "With --claims-model transformer: keep its sentence decisions in this directory, so a re-run of an unchanged atlas does not run the model again (for CI: cache the directory).")
    var cache: String?

    @OptionGroup var config: ConfigOption

    @Option(help: "Write the report to this file (atomically) instead of standard output.")
    var output: String?

    @Option(help: "Report only findings that are not in this baseline file.")
    var baseline: String?

    @Option(name: .customLong("write-baseline"), help: "Record the current findings as a baseline file.")
    var writeBaseline: String?

    @Flag(help: "Add missing suggested flags and rewrite non-canonical spellings in the entry files.")
    var fix = false

    @Option(help: "Colour text output: auto (a terminal, unless NO_COLOR; FORCE_COLOR forces it), always, never.")
    var color: TextStyle.ColorChoice = .auto

    @Flag(name: .shortAndLong, help: "Print the findings only: no summary line, flag notes, skip notes or progress.")
    var quiet = false

    @Option(name: .customLong("changed-since"), help: "Report (and fix) only the entries git says changed since this ref (a pull request's base: origin/main); the others are still read, for links and duplicate ids.")
    var changedSince: String?

    @Flag(name: .customLong("dry-run"), help: "With --fix: print the changes as a diff, write nothing.")
    var dryRun = false

    func validate() throws {
        if dryRun && !fix { throw ValidationError("--dry-run goes with --fix") }
    }

    func run() async throws {
        var options = AuditRun.Options()
        options.paths = paths
        options.format = format
        options.failOn = failOn.map(\.threshold)
        options.rulesDirectory = rulesDirectory
        options.claimModel = claimModel
        options.cacheDirectory = cache
        options.configurationPath = config.explicit
        options.outputPath = output
        options.baselinePath = baseline
        options.writeBaselinePath = writeBaseline
        options.fix = !fix ? .off : dryRun ? .preview : .apply
        options.changedSince = changedSince
        let environment = ProcessInfo.processInfo.environment
        // The report goes to standard error in a dry run (standard output carries the patch).
        let reportDescriptor = dryRun ? STDERR_FILENO : STDOUT_FILENO
        options.textStyle = output == nil
            ? TextStyle.resolve(color, isTerminal: isatty(reportDescriptor) == 1, environment: environment) : .plain
        options.quiet = quiet
        // Progress is for a person at a terminal: never in a CI log, a pipe or a file.
        options.showsProgress = !quiet && isatty(STDERR_FILENO) == 1 && (environment["CI"] ?? "").isEmpty
        options.progressSharesOutput = isatty(reportDescriptor) == 1
        try Output.exit(await AuditRun(options).run(console: Output.console))
    }
}
