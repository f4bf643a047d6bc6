import FlagAuditEngine
import FlagAuditModel

/// Writes an audit study by study as it streams in, keeping only the counts: memory stays
/// flat however many entries there are. Text, JSON, SARIF and GitHub output starts at once;
/// JUnit and Markdown open with totals, so their studies wait in a `Spool` (a temporary file)
/// and are written after the totals.
public struct StreamingReport {
    public enum Format: Sendable { case text(TextReporter), json(JSONReporter), github, sarif(SARIFReporter), junit(JUnitReporter), markdown }

    public let format: Format
    private let write: (String) -> Void
    public private(set) var tally = SeverityTally()
    /// Test cases (JUnit), or table rows then sections (Markdown), held back until the totals are known.
    private let spools: [Spool]
    private var failingStudies = 0
    /// SARIF: whether a result was written (suppressed ones included, which the tally does not count).
    private var wroteResult = false
    /// Markdown: each row's and section's size (UTF-8 bytes, UTF-16 units), to cut the comment
    /// at a piece's end under GitHub's limit.
    private var rowSizes: [(bytes: Int, units: Int)] = []
    private var sectionSizes: [(bytes: Int, units: Int)] = []

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
        case .text(let reporter): reporter.render(study: study)
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
            if !rendered.isEmpty {
                write(SARIFReporter.separator(first: !wroteResult))
                wroteResult = true
            }
            write(rendered)
        case .text, .github:
            write(rendered)
        case .junit(let reporter):
            if reporter.failing(study) { failingStudies += 1 }
            spools[0].write(rendered)
        case .markdown:
            let row = MarkdownReporter().row(study)
            spools[0].write(row)
            spools[1].write(rendered)
            rowSizes.append((row.utf8.count, row.utf16.count))
            if !rendered.isEmpty { sectionSizes.append((rendered.utf8.count, rendered.utf16.count)) }
        }
        tally.add(study.findings)
    }

    public func finish() {
        switch format {
        case .text(let reporter): write(reporter.summary(studies: tally.studies, count: tally.count))
        case .github: write(GitHubReporter.summary(studies: tally.studies, count: tally.count))
        case .json: write(JSONReporter.streamFooter(studies: tally.studies, count: tally.count))
        case .sarif: write(SARIFReporter.footer(results: wroteResult ? 1 : 0))
        case .junit(let reporter):
            write(reporter.header(studies: tally.studies, failures: failingStudies))
            spools[0].replay(into: write)
            write(JUnitReporter.footer)
        case .markdown:
            let header = MarkdownReporter().header(studies: tally.studies, count: tally.count)
            // The table's rows first, then the sections, as many of each as fit with the note.
            var budget = MarkdownReporter.characterLimit - header.utf16.count - MarkdownReporter.cutNoteReserve
            func fitting(_ sizes: [(bytes: Int, units: Int)]) -> (count: Int, bytes: Int) {
                var count = 0, bytes = 0
                for size in sizes {
                    guard size.units <= budget else { break }
                    budget -= size.units
                    bytes += size.bytes
                    count += 1
                }
                return (count, bytes)
            }
            let rows = fitting(rowSizes), sections = fitting(rows.count == rowSizes.count ? sectionSizes : [])
            write(header)
            spools[0].replay(into: write, upTo: rows.bytes)
            spools[1].replay(into: write, upTo: sections.bytes)
            if rows.count < rowSizes.count || sections.count < sectionSizes.count {
                write(MarkdownReporter.cutNote(rows: (rows.count, rowSizes.count), sections: (sections.count, sectionSizes.count)))
            }
        }
    }

    /// The exit status of cli.md for what was written.
    public func exitStatus(failOn threshold: Severity?) -> Int32 { tally.fails(at: threshold) ? 1 : 0 }
}
