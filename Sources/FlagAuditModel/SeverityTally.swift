/// Studies and findings counted by severity as they pass: what every report's summary line, a
/// quality report's opening and the exit status are computed from.
public struct SeverityTally: Sendable, Equatable {
    public private(set) var studies = 0
    public private(set) var findings = 0
    /// Findings by `Severity.rank`.
    private var counts = [0, 0, 0]

    public init() {}

    /// Counts one study and its findings.
    public mutating func add(_ findings: [Finding]) {
        studies += 1
        self.findings += findings.count
        for finding in findings { counts[finding.severity.rank] += 1 }
    }

    public func count(_ severity: Severity) -> Int { counts[severity.rank] }

    /// The most severe finding counted, if any.
    public var highest: Severity? { Severity.allCases.last { count($0) > 0 } }

    /// Whether a finding at or above `threshold` was counted; never with no threshold.
    public func fails(at threshold: Severity?) -> Bool {
        guard let threshold, let highest else { return false }
        return highest >= threshold
    }
}
