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

    public var audit: AuditReport
    public var pack: RulePack
    /// Method flags in vocabulary order.
    public var flags: [Term]

    public init(audit: AuditReport, pack: RulePack) {
        self.audit = audit
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
        flags.map { flag in
            (flag, audit.studies.filter { $0.declaredFlags.contains(flag.slug) }.count,
             audit.studies.filter { $0.suggestedFlags.contains(flag.slug) }.count)
        }
    }

    /// Designs present (vocabulary order, then "not stated") with study counts per evidence level.
    public var levelsByDesign: (levels: [String], rows: [(design: String, counts: [Int])]) {
        let levels = pack.vocabulary.terms(in: .evidenceLevels).map(\.slug) + ["not stated"]
        var rows: [(String, [Int])] = []
        let designs = pack.vocabulary.terms(in: .designs).map(\.slug) + ["not stated"]
        for design in designs {
            let studies = audit.studies.filter { ($0.study?.design ?? "not stated") == design }
            guard !studies.isEmpty else { continue }
            let counts = levels.map { level in studies.filter { ($0.study?.terms[.evidenceLevel]?.value ?? "not stated") == level }.count }
            rows.append((design, counts))
        }
        return (levels, rows)
    }

    public func label(_ slug: String, in category: TermCategory) -> String {
        pack.vocabulary.term(slug, in: category)?.label ?? slug
    }

    public func rationale(of rule: String) -> String? {
        pack.rule(rule)?.rationale ?? BuiltinCheck(rawValue: rule)?.summary
    }
}
