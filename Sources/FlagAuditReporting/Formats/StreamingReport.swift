import FlagAuditEngine
import FlagAuditModel

/// Writes an audit study by study as it streams in, keeping only the counts: memory stays
/// flat however many entries there are. Text, JSON, SARIF and GitHub output starts at once;
/// JUnit and Markdown open with totals, so their studies wait in a `Spool` (a temporary file)
/// and are written after the totals.
public struct StreamingReport {
    public enum Format: Sendable { case text, json(JSONReporter), github, sarif(SARIFReporter), junit(JUnitReporter), markdown }

    public let format: Format
    private let write: (String) -> Void
    public private(set) var tally = SeverityTally()
    /// Test cases (JUnit), or table rows then sections (Markdown), held back until the totals are known.
    private let spools: [Spool]
    private var failingStudies = 0

    public init(format: Format, write: @escaping (String) -> Void) {
        self.format = format
        self.write = write
        switch format {
        case .json(let reporter): write(reporter.streamHeader)
        case .sarif(let reporter): write(reporter.header)
        case .text, .github, .junit, .markdown: break
        }
        switch format {
        case .junit: spools = [Spool()]
        case .markdown: spools = [Spool(), Spool()]
        case .text, .github, .json, .sarif: spools = []
        }
    }

    /// One study's output on its own, without what separates it from the previous one: pure,
    /// so that audit workers render in parallel and the writer only concatenates.
    public static func render(_ study: StudyReport, format: Format) -> String {
        switch format {
        case .text: TextReporter().render(study: study)
        case .github: GitHubReporter().render(study.findings)
        case .json(let reporter): reporter.serializedStudy(study, level: 2)
        case .sarif(let reporter): reporter.renderResults(of: study)
        case .junit(let reporter): reporter.testCase(study)
        case .markdown: MarkdownReporter().section(study)
        }
    }

    public mutating func add(_ study: StudyReport) {
        add(study, rendered: StreamingReport.render(study, format: format))
    }

    /// Adds a study already rendered by `render(_:format:)`.
    public mutating func add(_ study: StudyReport, rendered: String) {
        switch format {
        case .json:
            write(JSONReporter.streamSeparator(first: tally.studies == 0))
            write(rendered)
        case .sarif:
            if !rendered.isEmpty { write(SARIFReporter.separator(first: tally.findings == 0)) }
            write(rendered)
        case .text, .github:
            write(rendered)
        case .junit(let reporter):
            if reporter.failing(study) { failingStudies += 1 }
            spools[0].write(rendered)
        case .markdown:
            spools[0].write(MarkdownReporter().row(study))
            spools[1].write(rendered)
        }
        tally.add(study.findings)
    }

    public func finish() {
        switch format {
        case .text: write(TextReporter.summary(studies: tally.studies, count: tally.count))
        case .github: write(GitHubReporter.summary(studies: tally.studies, count: tally.count))
        case .json: write(JSONReporter.streamFooter(studies: tally.studies, count: tally.count))
        case .sarif: write(SARIFReporter.footer(results: tally.findings))
        case .junit(let reporter):
            write(reporter.header(studies: tally.studies, failures: failingStudies))
            spools[0].replay(into: write)
            write(JUnitReporter.footer)
        case .markdown:
            write(MarkdownReporter().header(studies: tally.studies, count: tally.count))
            for spool in spools { spool.replay(into: write) }
        }
    }

    /// The exit status of cli.md for what was written.
    public func exitStatus(failOn threshold: Severity?) -> Int32 { tally.fails(at: threshold) ? 1 : 0 }
}
