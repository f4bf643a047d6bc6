/// Writes an audit study by study as it streams in (text, JSON, SARIF and GitHub formats), keeping
/// only the counts: output starts at once and memory stays flat however many entries there are.
public struct StreamingReport {
    public enum Format: Sendable { case text, json, github, sarif(SARIFReporter) }

    public let format: Format
    private let write: (String) -> Void
    public private(set) var studies = 0
    public private(set) var findings = 0
    public private(set) var counts: [Severity: Int] = [:]
    public private(set) var highest: Severity?

    public init(format: Format, write: @escaping (String) -> Void) {
        self.format = format
        self.write = write
        switch format {
        case .json: write(JSONReporter.streamHeader)
        case .sarif(let reporter): write(reporter.header)
        case .text, .github: break
        }
    }

    /// One study's output on its own, without what separates it from the previous one: pure,
    /// so that audit workers render in parallel and the writer only concatenates.
    public static func render(_ study: StudyReport, format: Format) -> String {
        switch format {
        case .text: TextReporter().render(study: study)
        case .github: GitHubReporter().render(study.findings)
        case .json: JSONReporter().serializedStudy(study, level: 2)
        case .sarif(let reporter): reporter.renderResults(of: study)
        }
    }

    public mutating func add(_ study: StudyReport) {
        add(study, rendered: StreamingReport.render(study, format: format))
    }

    /// Adds a study already rendered by `render(_:format:)`.
    public mutating func add(_ study: StudyReport, rendered: String) {
        switch format {
        case .json: write(JSONReporter.streamSeparator(first: studies == 0))
        case .sarif: if !rendered.isEmpty { write(SARIFReporter.separator(first: findings == 0)) }
        case .text, .github: break
        }
        write(rendered)
        studies += 1
        findings += study.findings.count
        for finding in study.findings {
            counts[finding.severity, default: 0] += 1
            if highest.map({ finding.severity > $0 }) ?? true { highest = finding.severity }
        }
    }

    public func count(_ severity: Severity) -> Int { counts[severity] ?? 0 }

    public func finish() {
        switch format {
        case .text: write(TextReporter.summary(studies: studies, count: count))
        case .github: write(GitHubReporter.summary(studies: studies, count: count))
        case .json: write(JSONReporter.streamFooter(studies: studies, count: count))
        case .sarif: write(SARIFReporter.footer(results: findings))
        }
    }

    /// The exit status of cli.md for what was written.
    public func exitStatus(failOn threshold: Severity?) -> Int32 {
        guard let threshold, let highest else { return 0 }
        return highest >= threshold ? 1 : 0
    }
}
