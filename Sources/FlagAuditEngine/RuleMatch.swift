import FlagAuditModel

/// A rule that fired on a study, with what it saw.
public struct RuleMatch: Sendable {
    public var rule: Rule
    public var evidence: [Evidence]

    /// Findings to report: one per sentence of text evidence, else one where the rule places it.
    func findings(for study: Study) -> [Finding] { placed(for: study).map(\.finding) }

    /// The findings with the evidence each stands on (nil: the rule's place, no evidence).
    func placed(for study: Study) -> [(finding: Finding, evidence: Evidence?)] {
        let text = evidence.filter(\.isText)
        let places: [Evidence?] = text.isEmpty ? [landing] : text
        let field = rule.placement.first ?? rule.condition.fields.min { $0.order < $1.order }
        return places.map { item in
            (Finding(
                rule: rule.id, severity: rule.severity, flag: rule.flag,
                message: rule.message.render(study: study, evidence: item),
                field: item?.field.displayName ?? field?.displayName,
                location: item?.location ?? field.map { study.location(of: $0) } ?? study.origin,
                excerpt: item?.excerpt, why: rule.rationale,
                related: item?.counterpart.map { [$0.location] } ?? [], counterpart: item?.counterpart), item)
        }
    }

    /// The evidence a finding without text evidence stands on: the first placement field that
    /// has some, or the first evidence in entry-field order (the earlier one on a tie).
    private var landing: Evidence? {
        if !rule.placement.isEmpty {
            for field in rule.placement { if let found = evidence.first(where: { $0.field == field }) { return found } }
            return nil
        }
        return evidence.enumerated().min { ($0.element.field.order, $0.offset) < ($1.element.field.order, $1.offset) }?.element
    }
}
