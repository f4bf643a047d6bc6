import ArgumentParser
import FlagAudit

struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write the quality report of a set of entries: report.html (self-contained) and report.md.",
        discussion: "Exit status: 0 written (whatever the findings), 2 the pack, the configuration, a path or the output folder is unusable."
    )

    @Argument(help: "Entry files or directories (default: seeds).")
    var paths: [String] = []

    @Option(help: "Directory to write report.html and report.md into.")
    var out: String = "reports"

    @Option(help: "html: report.html and report.md in --out; csv: a study a row on standard output, for spreadsheets.")
    var format: ReportFormat = .html

    enum ReportFormat: String, ExpressibleByArgument, CaseIterable { case html, csv }

    @OptionGroup var rules: PackOption

    @OptionGroup var model: ClaimModelOption

    @OptionGroup var config: ConfigOption

    @Option(help: "With --claims-model transformer: keep its sentence decisions in this directory between runs.")
    var cache: String?

    func run() async throws {
        var options = ReportRun.Options()
        options.paths = paths
        options.directory = out
        options.rulesDirectory = rules.rulesDirectory
        options.claimModel = model.claimModel
        options.cacheDirectory = cache
        options.configurationPath = config.explicit
        options.csv = format == .csv
        try Output.exit(await ReportRun(options).run(console: Output.console))
    }
}
