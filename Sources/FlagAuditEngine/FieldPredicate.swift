import FlagAuditModel

/// A test on the values of one entry field. Lists and single values are treated alike:
/// a single value is a list of one, an absent field an empty list.
public enum FieldPredicate: Sendable {
    /// Some value is in the set (`in`, `any_in`, `contains`, `equals`).
    case anyIn(Set<String>)
    /// Present, and no value in the set (`not_in`).
    case notIn(Set<String>)
    /// No value in the set; true when empty (`none_in`).
    case noneIn(Set<String>)
    /// Every value in the set; true when empty (`all_in`).
    case allIn(Set<String>)
    /// Every value of the set is present (`contains_all`).
    case containsAll(Set<String>)
    case isEmpty(Bool)
    case present(Bool)
    case below(Int)
    case atLeast(Int)
    /// The evidence level admits the entry's design per the vocabulary (`admits_design`).
    case admitsDesign(Bool)

    /// The values a set predicate names, for validation.
    var namedValues: Set<String> {
        switch self {
        case .anyIn(let set), .notIn(let set), .noneIn(let set), .allIn(let set), .containsAll(let set): set
        default: []
        }
    }

    func holds(for field: StudyField, in study: Study, vocabulary: Vocabulary) -> Bool {
        // The field's values read in place, as `Study.values(of:)` gives them, without the array
        // that builds: a field test allocates nothing, and rules test fields all the time.
        let entry = study.fields[field], isPresent = entry?.key != nil
        switch entry?.value {
        case .term(let value)?, .string(let value)?:
            return holds(values: CollectionOfOne(value.value), number: nil, isPresent: isPresent, study: study, vocabulary: vocabulary)
        case .list(let values)?:
            return holds(values: values.lazy.map(\.value), number: nil, isPresent: isPresent, study: study, vocabulary: vocabulary)
        case .number(let number)?:
            return holds(values: CollectionOfOne(String(number.value)), number: number.value, isPresent: isPresent, study: study, vocabulary: vocabulary)
        case .text?, nil:
            return holds(values: EmptyCollection(), number: nil, isPresent: isPresent, study: study, vocabulary: vocabulary)
        }
    }

    /// The test on any list of values: an entry field's, or a text signal's.
    func holds<Values: Collection<String>>(values: Values, number: Int?, isPresent: Bool, study: Study, vocabulary: Vocabulary) -> Bool {
        switch self {
        case .anyIn(let set): return values.contains(where: set.contains)
        case .notIn(let set): return !values.isEmpty && !values.contains(where: set.contains)
        case .noneIn(let set): return !values.contains(where: set.contains)
        case .allIn(let set): return values.allSatisfy(set.contains)
        case .containsAll(let set): return set.isSubset(of: values)
        case .isEmpty(let expected): return values.isEmpty == expected
        case .present(let expected): return (isPresent && !values.isEmpty) == expected
        case .below(let limit): return number.map { $0 < limit } ?? false
        case .atLeast(let limit): return number.map { $0 >= limit } ?? false
        case .admitsDesign(let expected):
            guard let level = study.term(.evidenceLevel)?.value, let design = study.design else { return false }
            return vocabulary.level(level, admits: design) == expected
        }
    }
}
