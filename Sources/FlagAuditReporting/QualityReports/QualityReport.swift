import FlagAuditEngine
import FlagAuditModel

/// What a reviewer's quality report shows, derived once from an audit: the study-by-flag
/// matrix, how often each flag is declared and suggested, and evidence levels by design.
public struct QualityReport: Sendable {
    /// A study's relation to one flag.
    public enum FlagState: String, Sendable {
        /// Declared, and a rule supports it.
        case confirmed
        /// Suggested by a rule, not declared.
        case missing
        /// Declared, but no rule supports it.
        case unsupported
        case none

        public var symbol: String {
            switch self {
            case .confirmed: "✓"
            case .missing: "+"
            case .unsupported: "?"
            case .none: ""
            }
        }

        public var meaning: String {
            switch self {
            case .confirmed: "declared and supported"
            case .missing: "suggested, not declared"
            case .unsupported: "declared, not supported"
            case .none: "neither"
            }
        }
    }

    /// The studies, when the report was made from a collected audit (empty when it streams).
    public private(set) var audit: AuditReport
    /// The counts over the whole set.
    public private(set) var tally: QualityTally
    public var pack: RulePack
    /// Method flags in vocabulary order.
    public var flags: [Term]
    /// Who made the report, when and from what: "Generated 2026-12-04 by flagaudit 0.3.0, …".
    public var provenance: String?

    public init(audit: AuditReport, pack: RulePack) {
        self.init(tally: QualityTally(audit.studies), pack: pack)
        self.audit = audit
    }

    /// A report of counts only, for a set written study by study (`HTMLReport.card`, say).
    public init(tally: QualityTally, pack: RulePack) {
        self.audit = AuditReport(studies: [])
        self.tally = tally
        self.pack = pack
        self.flags = pack.vocabulary.terms(in: .methodFlags)
    }

    public func state(_ study: StudyReport, _ flag: String) -> FlagState {
        let declared = study.declaredFlags.contains(flag), suggested = study.suggestedFlags.contains(flag)
        switch (declared, suggested) {
        case (true, true): return .confirmed
        case (false, true): return .missing
        case (true, false): return .unsupported
        case (false, false): return .none
        }
    }

    /// Per flag: how many studies declare it and how many the rules suggest it for.
    public var flagFrequency: [(flag: Term, declared: Int, suggested: Int)] {
        flags.map { flag in (flag, tally.declared(flag.slug), tally.suggested(flag.slug)) }
    }

    /// Designs present (vocabulary order, then "not stated") with study counts per evidence level.
    public var levelsByDesign: (levels: [String], rows: [(design: String, counts: [Int])]) {
        let levels = pack.vocabulary.terms(in: .evidenceLevels).map(\.slug) + [QualityTally.notStated]
        var rows: [(String, [Int])] = []
        let designs = pack.vocabulary.terms(in: .designs).map(\.slug) + [QualityTally.notStated]
        for design in designs where tally.count(design: design, level: levels[0]) != nil {
            rows.append((design, levels.map { tally.count(design: design, level: $0) ?? 0 }))
        }
        return (levels, rows)
    }

    public func label(_ slug: String, in category: TermCategory) -> String {
        pack.vocabulary.label(of: slug, in: category) ?? slug
    }

    public func reference(of rule: String) -> String? { pack.rule(rule)?.reference }

    public func rationale(of rule: String) -> String? {
        pack.rule(rule)?.rationale ?? BuiltinCheck(rawValue: rule)?.summary
    }
}
