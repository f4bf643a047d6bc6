import ArgumentParser
import FlagAudit

struct ScreenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "screen",
        abstract: "Pre-screen raw texts (abstract, full text, news or blog, atlas page; text, PDF, DOCX or HTML): extract design facts and suggest flags.",
        discussion: "Exit status: 0 screened, 1 only with --fail-on and a finding at or above it, 2 a text cannot be read, the pack or configuration is unusable, or a draft cannot be written."
    )

    @Argument(help: "Texts to screen: plain text, PDF (needs Poppler's pdftotext), DOCX or HTML files, directories of them, or - for standard input.")
    var files: [String]

    @Option(help: "Output format.")
    var format: TextOrJSON = .text

    @OptionGroup var rules: PackOption

    @OptionGroup var model: ClaimModelOption

    @OptionGroup var config: ConfigOption

    @Flag(name: .customLong("emit-entry"), help: "Write a draft entry (review_status: machine-draft) for each text: to standard output, or into --out.")
    var emitEntry = false

    @Option(help: "With --emit-entry: the directory to write <id>.yaml drafts into.")
    var out: String?

    @Flag(help: "With --emit-entry --out: replace existing draft files.")
    var force = false

    @Option(name: .customLong("fail-on"), help: "Exit 1 when a finding is at or above this severity (default never: screening informs, it does not gate).")
    var failOn: CheckCommand.FailOn = .never

    func validate() throws {
        if out != nil && !emitEntry { throw ValidationError("--out goes with --emit-entry") }
        if emitEntry && out == nil && files.count > 1 { throw ValidationError("--emit-entry for several files needs --out DIR") }
    }

    func run() async throws {
        var options = ScreenRun.Options()
        options.paths = files
        options.format = format == .json ? .json : .text
        options.rulesDirectory = rules.rulesDirectory
        options.claimModel = model.claimModel
        options.emitEntry = emitEntry
        options.draftsDirectory = out
        options.force = force
        options.failOn = failOn.threshold
        options.configurationPath = config.explicit
        try Output.exit(await ScreenRun(options).run(console: Output.console))
    }
}
