import ArgumentParser
import FlagAudit
import Foundation

struct CompareCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Weigh a press text's main claim against the conclusion of the study it reports on.",
        discussion: """
            Both texts are read as `screen` reads them. The press side's main claim is the strongest claim of its \
            headline, its lead and the sentences that report a finding; the study side's is the strongest of its \
            conclusion (up to four sentences from a "Conclusions" heading, else its last two sentences). The verdict is \
            `exaggerates` when the press claims more (a correlation told as a cause, a "may" dropped, an animal \
            or pilot study told as an effect or as proof), `downplays` when less, `same` otherwise, and \
            `cannot-judge` when a side has no sentence to weigh. Either path may be `-` for standard input.

            Exit status: 0 when compared, 2 when a text cannot be read or the rule pack cannot be loaded.
            """
    )

    @Argument(help: "The press release, news article or blog post (a text file, or - for standard input).")
    var press: String

    @Argument(help: "The study's text: its abstract or conclusions (a text file, or -).")
    var study: String

    @Option(help: "Output format.")
    var format: TextOrJSON = .text

    @OptionGroup var rules: PackOption

    /// Default: the transformer (a few sentences: its milliseconds do not matter here).
    @OptionGroup var model: ClaimModelOption

    func validate() throws {
        if press == "-" && study == "-" { throw ValidationError("only one of the two texts can be read from standard input") }
    }

    func run() async throws {
        let pack = try PackOption.load(rules.rulesDirectory, claimModel: model.claimModel ?? .transformer)
        let comparison = TextComparison(press: (press, try read(press)), study: (study, try read(study)), screener: Screener(pack: pack))
        Output.write(format == .json ? ComparisonReport.json(comparison) : ComparisonReport.text(comparison))
    }

    /// The file's text (or standard input's), refused with a located message when it is not text.
    private func read(_ path: String) throws -> String {
        let limit = YAMLLimits.entry.maxBytes
        let bytes = try Stopping.onDiagnostics { () throws(DiagnosticError) -> [UInt8] in
            if path == "-" {
                let data = [UInt8](FileHandle.standardInput.readData(ofLength: limit + 1))
                if data.count > limit {
                    throw DiagnosticError(Diagnostic(.inputLimit, at: .start(of: "-"), "standard input is over \(limit) bytes: compare the abstract or the article, not a corpus"))
                }
                return try TextPreflight.text(data, path: path)
            }
            return try TextPreflight.text(FileInput.read(path, limit: limit), path: path)
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
