import FlagAuditModel
import FlagAuditText

/// When a rule fires: field predicates and text matchers combined with all / any / not.
public indirect enum Condition: Sendable {
    case all([Condition])
    case any([Condition])
    case not(Condition)
    case field(StudyField, FieldPredicate)
    case text(TextMatcher)
    /// A test on what the text says (`signal:` in a rule): a design signal, named terms, or the sample size.
    case signal(SignalReference, FieldPredicate)
    /// A test on how this entry's claims weigh against the study it reports on (`linked_study:`):
    /// holds when the comparison's verdict is one of these.
    case linkedStudy(Set<ClaimComparison.Verdict>)

    /// The evidence the condition holds on, or nil when it does not hold.
    func evaluate(_ analysis: inout StudyAnalysis, context: EvaluationContext) -> [Evidence]? {
        switch self {
        case .all(let conditions):
            // Field tests first hold or fail without their evidence: most rules fail at a later
            // condition, and the evidence (an excerpt string each) was made only to be dropped.
            var others: [[Evidence]] = []
            for condition in conditions {
                if case .field(let field, let predicate) = condition {
                    guard predicate.holds(for: field, in: analysis.study, vocabulary: context.vocabulary) else { return nil }
                } else {
                    guard let found = condition.evaluate(&analysis, context: context) else { return nil }
                    others.append(found)
                }
            }
            var evidence: [Evidence] = []
            var next = 0
            for condition in conditions {
                if case .field(let field, _) = condition {
                    evidence.append(Condition.fieldEvidence(field, in: analysis.study))
                } else {
                    evidence += others[next]
                    next += 1
                }
            }
            return evidence
        case .any(let conditions):
            var evidence: [Evidence]?
            for condition in conditions {
                if let found = condition.evaluate(&analysis, context: context) { evidence = (evidence ?? []) + found }
            }
            return evidence
        case .not(let condition):
            return condition.evaluate(&analysis, context: context) == nil ? [] : nil
        case .field(let field, let predicate):
            guard predicate.holds(for: field, in: analysis.study, vocabulary: context.vocabulary) else { return nil }
            return [Condition.fieldEvidence(field, in: analysis.study)]
        case .text(let matcher):
            return matcher.evaluate(&analysis, negation: context.negation)
        case .signal(let reference, let predicate):
            let readings: [TextSignals.Reading]
            var sampleSize: (value: Int, evidence: Evidence)?
            switch reference {
            case .named(let name):
                readings = analysis.reading(of: name).map { [$0] } ?? []
            case .terms(let category):
                readings = analysis.terms(category)
            case .sampleSize:
                readings = []
                sampleSize = analysis.sampleSize()
            }
            var values = readings.map(\.value)
            if case .named = reference, values.isEmpty { values = [TextSignals.unknown] }
            guard predicate.holds(values: values, number: sampleSize?.value, isPresent: !readings.isEmpty || sampleSize != nil,
                                  study: analysis.study, vocabulary: context.vocabulary) else { return nil }
            if let sampleSize { return [sampleSize.evidence] }
            return readings.map(\.evidence)
        case .linkedStudy(let verdicts):
            guard let linked = analysis.linked, let comparison = analysis.comparisonWithLinkedStudy(),
                verdicts.contains(comparison.verdict)
            else { return nil }
            return [Condition.evidence(of: comparison, against: linked)]
        }
    }

    /// What a field test that holds points at: the field's values where they are written.
    private static func fieldEvidence(_ field: StudyField, in study: Study) -> Evidence {
        let values = study.values(of: field)
        let excerpt = "\(field.displayName): " + (values.isEmpty ? "(not stated)" : values.joined(separator: ", "))
        return Evidence(field: field, location: study.location(of: field), excerpt: excerpt, match: nil, isText: false)
    }

    /// The press sentence of a comparison, with the study's sentence as its counterpart.
    private static func evidence(of comparison: ClaimComparison, against linked: Study) -> Evidence {
        let press = comparison.press, study = comparison.study
        return Evidence(
            field: press.sentence.field, location: press.sentence.location, excerpt: press.sentence.text,
            match: press.cue ?? press.strength.rawValue, isText: true,
            counterpart: Counterpart(
                study: linked.id, field: study.sentence.field, location: study.sentence.location, excerpt: study.sentence.text,
                strength: study.strength.rawValue),
            detail: comparison.reason)
    }

    /// Fields the condition tests, in order; used to place findings that carry no text evidence.
    var fields: [StudyField] {
        switch self {
        case .all(let conditions), .any(let conditions): conditions.flatMap(\.fields)
        case .not(let condition): condition.fields
        case .field(let field, _): [field]
        case .text(let matcher): matcher.fields
        case .signal, .linkedStudy: []
        }
    }
}

/// What every condition needs besides the study.
struct EvaluationContext: Sendable {
    var vocabulary: Vocabulary
    var negation: Negation
}

/// Which text signal a `signal:` condition reads.
public enum SignalReference: Sendable, Equatable {
    case named(String)
    case terms(TermCategory)
    case sampleSize
}
