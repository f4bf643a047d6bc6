import FlagAuditEngine
import FlagAuditModel

/// What a quality report counts over the whole set (its opening line and its charts), added
/// study by study, so that a report can be written while the audit streams.
public struct QualityTally: Sendable {
    public private(set) var severities = SeverityTally()
    /// Studies declaring each flag, and studies the rules suggest it for (by slug).
    private var declared: [String: Int] = [:]
    private var suggested: [String: Int] = [:]
    /// Studies by design, then evidence level ("not stated" where the entry has none).
    private var levelsByDesign: [String: [String: Int]] = [:]

    public init() {}

    public init(_ studies: [StudyReport]) {
        for study in studies { add(study) }
    }

    public mutating func add(_ study: StudyReport) {
        severities.add(study.findings)
        for flag in Set(study.declaredFlags) { declared[flag, default: 0] += 1 }
        for flag in Set(study.suggestedFlags) { suggested[flag, default: 0] += 1 }
        let design = study.study?.design ?? QualityTally.notStated
        let level = study.study?.term(.evidenceLevel)?.value ?? QualityTally.notStated
        levelsByDesign[design, default: [:]][level, default: 0] += 1
    }

    public var studies: Int { severities.studies }

    public func count(_ severity: Severity) -> Int { severities.count(severity) }

    public func declared(_ flag: String) -> Int { declared[flag] ?? 0 }

    public func suggested(_ flag: String) -> Int { suggested[flag] ?? 0 }

    /// Studies of a design at an evidence level; nil when no study has the design.
    public func count(design: String, level: String) -> Int? {
        levelsByDesign[design].map { $0[level] ?? 0 }
    }

    public static let notStated = "not stated"
}
