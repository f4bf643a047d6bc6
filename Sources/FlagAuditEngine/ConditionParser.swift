import FlagAuditLoading
import FlagAuditModel
import FlagAuditText


/// Parses a rule's `when:` tree, checking every field, predicate, term and pattern against
/// the vocabulary so that a typo in a rule stops the run with its location.
/// What a predicate tests: its name for messages, the vocabulary its values come from, and
/// which predicates make sense for it.
struct PredicateSubject {
    var name: String
    var category: TermCategory?
    var isNumeric: Bool
    var admitsDesign: Bool

    init(_ field: StudyField) {
        name = field.name
        switch field.kind {
        case .term(let c), .terms(let c): category = c
        default: category = nil
        }
        isNumeric = field.kind == .number
        admitsDesign = field == .evidenceLevel
    }

    init(signal: String, category: TermCategory? = nil, isNumeric: Bool = false) {
        name = "signal " + signal
        self.category = category
        self.isNumeric = isNumeric
        admitsDesign = false
    }
}

struct ConditionParser {
    let vocabulary: Vocabulary
    let lexicon: Lexicon

    static let predicateKeys = [
        "in", "any_in", "contains", "equals", "not_in", "none_in", "all_in", "contains_all",
        "empty", "present", "below", "at_least", "admits_design",
    ]
    static let textKeys = ["fields", "claim", "phrases", "patterns", "except", "negation", "absent"]
    static let combinators = ["all", "any", "not", "text", "signal", "linked_study"]

    func parse(_ node: YAMLNode, reader: inout NodeReader) -> Condition? {
        let allowed = ConditionParser.combinators + StudyField.allCases.filter { !$0.isText && $0.kind != .structure }.map(\.name)
        guard let pairs = reader.mapping(node, what: "a condition", allowed: allowed) else { return nil }
        var conditions: [Condition] = []
        for (key, _, value) in pairs {
            switch key {
            case "all", "any":
                guard case .sequence(let items) = value else {
                    reader.report(.schema, value, "'\(key)' takes a list of conditions, found \(NodeReader.describe(value))")
                    continue
                }
                let parsed = items.compactMap { parse($0, reader: &reader) }
                conditions.append(key == "all" ? .all(parsed) : .any(parsed))
            case "not":
                if let inner = parse(value, reader: &reader) { conditions.append(.not(inner)) }
            case "text":
                if let matcher = parseText(value, reader: &reader) { conditions.append(.text(matcher)) }
            case "signal":
                conditions.append(contentsOf: parseSignals(value, reader: &reader))
            case "linked_study":
                if let verdicts = parseLinkedStudy(value, reader: &reader) { conditions.append(.linkedStudy(verdicts)) }
            default:
                guard let field = StudyField(name: key) else { continue }
                conditions.append(contentsOf: parsePredicates(PredicateSubject(field), value, reader: &reader).map { .field(field, $0) })
            }
        }
        if pairs.isEmpty {
            reader.report(.schema, node, "an empty condition always holds; name at least one field or text test")
            return nil
        }
        return conditions.count == 1 ? conditions[0] : .all(conditions)
    }

    /// `linked_study: {verdict: [exaggerates]}`: how the entry's claims weigh against the study it reports on.
    private func parseLinkedStudy(_ node: YAMLNode, reader: inout NodeReader) -> Set<ClaimComparison.Verdict>? {
        var verdicts: Set<ClaimComparison.Verdict>?
        for (_, _, value) in reader.mapping(node, what: "linked_study", allowed: ["verdict"]) ?? [] {
            let items: [(value: String, node: YAMLNode)]
            if case .sequence = value { items = reader.scalarList(value, what: "verdict") ?? [] } else {
                items = reader.string(value, what: "verdict").map { [($0, value)] } ?? []
            }
            var found: Set<ClaimComparison.Verdict> = []
            for item in items {
                guard let verdict = ClaimComparison.Verdict(rawValue: item.value) else {
                    let known = ClaimComparison.Verdict.allCases.map(\.rawValue)
                    reader.report(.schema, item.node, "unknown verdict \(Diagnostic.quoted(item.value)); expected one of: \(known.joined(separator: ", "))")
                    continue
                }
                found.insert(verdict)
            }
            verdicts = found
        }
        if verdicts == nil { reader.report(.schema, node, "linked_study needs a 'verdict' (same, exaggerates or downplays)") }
        return verdicts
    }

    /// `signal: {randomization: not-randomized, sample_size: {below: 50}, case_definitions: {any_in: ["@requires-pem"]}}`
    private func parseSignals(_ node: YAMLNode, reader: inout NodeReader) -> [Condition] {
        let named = lexicon.signals.map(\.name)
        let termSignals = [TermCategory.caseDefinitions, .populations].map(\.name)
        let allowed = named + termSignals + ["sample_size"]
        var conditions: [Condition] = []
        for (key, keyNode, value) in reader.mapping(node, what: "a signal test", allowed: allowed) ?? [] {
            if key == "sample_size" {
                let subject = PredicateSubject(signal: key, isNumeric: true)
                conditions += parsePredicates(subject, value, reader: &reader).map { .signal(.sampleSize, $0) }
            } else if let category = TermCategory(name: key), termSignals.contains(key) {
                let subject = PredicateSubject(signal: key, category: category)
                conditions += parsePredicates(subject, value, reader: &reader).map { .signal(.terms(category), $0) }
            } else if let signal = lexicon.signal(key) {
                let values = signal.valueNames + [TextSignals.unknown]
                for predicate in parsePredicates(PredicateSubject(signal: key), value, reader: &reader) {
                    for used in predicate.namedValues where !values.contains(used) {
                        var message = "signal '\(key)' has no value '\(used)'"
                        if let nearest = NearestMatch.best(for: used, among: values) { message += "; did you mean '\(nearest)'?" }
                        else { message += "; its values are \(values.joined(separator: ", "))" }
                        reader.report(.unknownTerm, keyNode, message)
                    }
                    conditions.append(.signal(.named(key), predicate))
                }
            }
        }
        return conditions
    }

    private func parsePredicates(_ subject: PredicateSubject, _ node: YAMLNode, reader: inout NodeReader) -> [FieldPredicate] {
        switch node {
        case .scalar, .sequence:
            return termSet(subject, node, reader: &reader).map { [.anyIn($0)] } ?? []
        default:
            break
        }
        var predicates: [FieldPredicate] = []
        for (key, keyNode, value) in reader.mapping(node, what: "the test of \(subject.name)", allowed: ConditionParser.predicateKeys) ?? [] {
            let predicate: FieldPredicate?
            switch key {
            case "below", "at_least":
                guard subject.isNumeric else {
                    reader.report(.schema, keyNode, "'\(key)' compares numbers; \(subject.name) is not a number")
                    continue
                }
                let limit = reader.integer(value, what: key, range: Int.min...Int.max)
                predicate = limit.map { key == "below" ? .below($0) : .atLeast($0) }
            case "empty", "present":
                predicate = reader.bool(value, what: key).map { key == "empty" ? .isEmpty($0) : .present($0) }
            case "admits_design":
                guard subject.admitsDesign else {
                    reader.report(.schema, keyNode, "'admits_design' applies to evidence_level only")
                    continue
                }
                predicate = reader.bool(value, what: key).map { .admitsDesign($0) }
            default:
                guard let set = termSet(subject, value, reader: &reader) else { continue }
                switch key {
                case "not_in": predicate = .notIn(set)
                case "none_in": predicate = .noneIn(set)
                case "all_in": predicate = .allIn(set)
                case "contains_all": predicate = .containsAll(set)
                default: predicate = .anyIn(set)
                }
            }
            if let predicate { predicates.append(predicate) }
        }
        return predicates
    }

    /// Slugs named by a rule (a scalar or a list), with `@attribute` expanding to every term
    /// of the field's vocabulary that carries the attribute.
    private func termSet(_ subject: PredicateSubject, _ node: YAMLNode, reader: inout NodeReader) -> Set<String>? {
        let items: [(value: String, node: YAMLNode)]?
        if case .sequence = node { items = reader.scalarList(node, what: subject.name) } else {
            items = reader.string(node, what: subject.name).map { [($0, node)] }
        }
        guard let items else { return nil }
        let category = subject.category
        var set: Set<String> = []
        for (value, itemNode) in items {
            guard let category else {
                set.insert(value)
                continue
            }
            if value.hasPrefix("@") {
                let attribute = String(value.dropFirst())
                let known = vocabulary.attributes(in: category)
                if known.contains(attribute) {
                    set.formUnion(vocabulary.slugs(withAttribute: attribute, in: category))
                } else {
                    var message = "no \(category.noun) has attribute '\(attribute)'"
                    if let nearest = NearestMatch.best(for: attribute, among: known.sorted()) { message += "; did you mean '@\(nearest)'?" }
                    reader.report(.unknownTerm, itemNode, message)
                }
                continue
            }
            switch vocabulary.resolve(value, in: category) {
            case .canonical(let slug):
                set.insert(slug)
            case .nonCanonical(let slug):
                reader.report(.nonCanonicalTerm, itemNode, "rules name terms by slug: write '\(slug)' for '\(value)'")
            case .unknown(let suggestion):
                var message = "unknown \(category.noun) \(Diagnostic.quoted(value))"
                if let suggestion { message += "; did you mean '\(suggestion)'?" }
                reader.report(.unknownTerm, itemNode, message)
            }
        }
        return set
    }

    private func parseText(_ node: YAMLNode, reader: inout NodeReader) -> TextMatcher? {
        guard let pairs = reader.mapping(node, what: "a text test", allowed: ConditionParser.textKeys) else { return nil }
        var matcher = TextMatcher()
        var hasTest = false
        for (key, _, value) in pairs {
            switch key {
            case "fields":
                let textFields = StudyField.allCases.filter(\.isText)
                matcher.fields = (reader.scalarList(value, what: "fields") ?? []).compactMap { item in
                    guard let field = StudyField(name: item.value), field.isText else {
                        var message = "'\(item.value)' is not a text field"
                        if let nearest = NearestMatch.best(for: item.value, among: textFields.map(\.name)) {
                            message += "; did you mean '\(nearest)'?"
                        } else {
                            message += "; text fields are \(textFields.map(\.name).joined(separator: ", "))"
                        }
                        reader.report(.schema, item.node, message)
                        return nil
                    }
                    return field
                }
            case "claim":
                let items = reader.stringOrList(value, what: "claim") ?? []
                matcher.claims = Set(items.compactMap { item in
                    guard let strength = ClaimStrength(rawValue: item.value) else {
                        reader.report(.schema, item.node, "unknown claim strength '\(item.value)'; expected one of: \(ClaimStrength.allCases.map(\.rawValue).joined(separator: ", "))")
                        return nil
                    }
                    return strength
                })
                hasTest = true
            case "phrases":
                matcher.phrases = PhraseSet(reader.scalarList(value, what: "phrases")?.map(\.value) ?? [])
                hasTest = true
            case "patterns":
                for item in reader.scalarList(value, what: "patterns") ?? [] {
                    if let problem = RegexSafety.problem(in: item.value) {
                        reader.report(.schema, item.node, "unsafe regular expression '\(item.value)': \(problem)")
                        continue
                    }
                    do {
                        matcher.patterns.append(try TextPattern(item.value))
                    } catch {
                        reader.report(.schema, item.node, "invalid regular expression '\(item.value)'")
                    }
                }
                hasTest = true
            case "except":
                matcher.except = PhraseSet(reader.scalarList(value, what: "except")?.map(\.value) ?? [])
            case "negation":
                matcher.ignoresNegated = reader.bool(value, what: "negation") ?? true
            default:
                matcher.absent = reader.bool(value, what: "absent") ?? false
            }
        }
        if !hasTest {
            reader.report(.schema, node, "a text test needs 'claim', 'phrases' or 'patterns'")
            return nil
        }
        return matcher
    }
}
