import FlagAuditModel

/// A rule that fired on a study, with what it saw.
public struct RuleMatch: Sendable {
    public var rule: Rule
    public var evidence: [Evidence]

    /// Findings to report: one per sentence of text evidence, else one at the first field evidence.
    func findings(for study: Study) -> [Finding] {
        let text = evidence.filter(\.isText)
        let places: [Evidence?] = text.isEmpty ? [evidence.first] : text
        return places.map { item in
            Finding(
                rule: rule.id, severity: rule.severity, flag: rule.flag,
                message: rule.message.render(study: study, evidence: item),
                field: item?.field.displayName ?? rule.condition.fields.first?.displayName,
                location: item?.location ?? rule.condition.fields.first.map { study.location(of: $0) } ?? study.origin,
                excerpt: item?.excerpt, why: rule.rationale)
        }
    }
}
