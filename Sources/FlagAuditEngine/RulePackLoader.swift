import FlagAuditLearning
import FlagAuditLoading
import FlagAuditModel
import FlagAuditText
import FlagAuditTransformer
import Foundation

/// Loads a rule pack directory: `vocabulary.yaml`, `lexicon.yaml`, and every other `*.yaml`
/// as a rule file. Any problem makes the whole pack unusable: an audit with a half-loaded
/// pack could not be trusted.
public struct RulePackLoader: Sendable {
    public var limits: YAMLLimits

    public static let vocabularyFile = "vocabulary.yaml"
    public static let lexiconFile = "lexicon.yaml"
    public static let claimModelFile = "models/claims.tsv"
    public static let transformerFile = "models/claims-transformer.bin"
    public static let transformerVocabularyFile = "models/claims-transformer.vocab.txt"
    static let ruleKeys = ["id", "severity", "flag", "summary", "message", "rationale", "reference", "when", "at", "examples"]
    /// The keys of a triggering example's `expect:`.
    enum ExpectationKey: String, CaseIterable { case at, match, message, count }

    /// Which claim model the pack is loaded with; nil: the linear model (the transformer is asked
    /// for by name: it reads a sentence in milliseconds where the linear model takes
    /// microseconds). The model must be there and sound, or the pack is refused; `.lexicon`
    /// needs no model file.
    public var claimModel: ClaimModelChoice?

    public init(limits: YAMLLimits = .rulePack, claimModel: ClaimModelChoice? = nil) {
        self.limits = limits
        self.claimModel = claimModel
    }

    public func load(directory: String) throws(DiagnosticError) -> RulePack {
        try load(PackSource.folder(directory))
    }

    public func load(_ source: PackSource) throws(DiagnosticError) -> RulePack {
        func document(_ name: String) throws(DiagnosticError) -> YAMLDocument {
            try YAMLDocument.load(path: source.path(of: name), bytes: source.read(name, limit: limits.maxBytes), limits: limits)
        }
        let vocabulary = try VocabularyLoader().load(document(RulePackLoader.vocabularyFile))
        let lexicon = try LexiconLoader().load(document(RulePackLoader.lexiconFile), vocabulary: vocabulary)
        let names = source.topLevelNames()
            .filter { ($0.hasSuffix(".yaml") || $0.hasSuffix(".yml")) && !$0.hasPrefix(".") }
            .filter { $0 != RulePackLoader.vocabularyFile && $0 != RulePackLoader.lexiconFile && $0 != PackIdentity.file }
        let origin = if case .directory(let base) = source { base } else { "built in" }
        var identity = PackIdentity(name: "unnamed", version: nil, origin: origin)
        var rules: [Rule] = []
        var diagnostics: [Diagnostic] = []
        if source.contains(PackIdentity.file) {
            do { identity = try PackIdentity.load(document(PackIdentity.file), origin: origin) } catch { diagnostics += error.diagnostics }
        }
        var claimModelFingerprint: String?
        var seen: [String: SourceLocation] = [:]
        let builtins = Set(BuiltinCheck.allCases.map(\.rawValue))
        for name in names {
            do {
                for rule in try loadRules(document(name), vocabulary: vocabulary, lexicon: lexicon) {
                    if let first = seen[rule.id] {
                        diagnostics.append(Diagnostic(.schema, at: rule.location, "duplicate rule id '\(rule.id)' (first defined at \(first))"))
                    } else if builtins.contains(rule.id) {
                        diagnostics.append(Diagnostic(.schema, at: rule.location, "rule id '\(rule.id)' is reserved for a built-in check"))
                    } else {
                        seen[rule.id] = rule.location
                        rules.append(rule)
                    }
                }
            } catch {
                diagnostics += error.diagnostics
            }
        }
        var claimModel: LinearModel?
        let modelPath = source.path(of: RulePackLoader.claimModelFile)
        if source.contains(RulePackLoader.claimModelFile) {
            do {
                let bytes = try source.read(RulePackLoader.claimModelFile, limit: limits.maxBytes)
                claimModelFingerprint = FNV1a.hex(FNV1a.hash(bytes: bytes))
                claimModel = try LinearModel(parsing: String(decoding: bytes, as: UTF8.self), path: modelPath)
                if claimModel?.classes != ClaimStrength.allCases.map(\.rawValue) {
                    diagnostics.append(Diagnostic(.schema, at: SourceLocation.start(of: modelPath),
                        "the claim model's classes must be \(ClaimStrength.allCases.map(\.rawValue).joined(separator: ", "))"))
                }
            } catch {
                diagnostics += error.diagnostics
            }
        }
        var claimTransformer: TransformerClassifier?
        let transformerPath = source.path(of: RulePackLoader.transformerFile)
        switch self.claimModel ?? .linear {
        case .transformer:
            do {
                let transformer = try transformer(from: source)
                if transformer.labels != ClaimStrength.allCases.map(\.rawValue) {
                    diagnostics.append(Diagnostic(.schema, at: SourceLocation.start(of: transformerPath),
                        "the transformer's labels must be \(ClaimStrength.allCases.map(\.rawValue).joined(separator: ", "))"))
                }
                claimTransformer = transformer
            } catch {
                diagnostics.append(error.diagnostic)
            }
        case .linear:
            // Never a silent change of the audit: a pack that lost its model is refused, not read
            // by the lexicon alone.
            if claimModel == nil, diagnostics.isEmpty {
                diagnostics.append(Diagnostic(.schema, at: SourceLocation.start(of: modelPath),
                    "the linear claim model is missing: restore it (flagaudit train claims writes it), or pass --claims-model lexicon to read claims by the lexicon's cues alone"))
            }
        case .lexicon:
            claimModel = nil
        }
        if !diagnostics.isEmpty { throw DiagnosticError(diagnostics) }
        var pack = RulePack(vocabulary: vocabulary, lexicon: lexicon, rules: rules, claimModel: claimModel, claimTransformer: claimTransformer)
        pack.identity = identity
        pack.claimModelFingerprint = claimModel == nil ? nil : claimModelFingerprint
        return pack
    }

    /// The fingerprint of the pack's transformer, without building it; nil when it has none.
    public func transformerFingerprint(in source: PackSource) throws(TransformerError) -> String? {
        guard source.contains(RulePackLoader.transformerFile) else { return nil }
        let path = source.path(of: RulePackLoader.transformerFile)
        do {
            return try TransformerClassifier.fingerprint(weights: source.read(RulePackLoader.transformerFile, limit: TransformerClassifier.maxWeightsBytes), path: path)
        } catch let error as TransformerError {
            throw error
        } catch {
            throw TransformerError(path: path, (error as? DiagnosticError)?.diagnostics.first?.message ?? "cannot read it")
        }
    }

    /// The transformer and its vocabulary, read from the pack; absent or unreadable, a located
    /// problem that says how to do without it.
    private func transformer(from source: PackSource) throws(TransformerError) -> TransformerClassifier {
        let weights = source.path(of: RulePackLoader.transformerFile)
        let vocabulary = source.path(of: RulePackLoader.transformerVocabularyFile)
        guard source.contains(RulePackLoader.transformerFile) else {
            throw TransformerError(path: weights, TransformerClassifier.missing)
        }
        func read(_ name: String, as path: String, limit: Int) throws(TransformerError) -> [UInt8] {
            do { return try source.read(name, limit: limit) } catch {
                throw TransformerError(path: path, error.diagnostics.first?.message ?? "cannot read it")
            }
        }
        return try TransformerClassifier(
            weights: read(RulePackLoader.transformerFile, as: weights, limit: TransformerClassifier.maxWeightsBytes), path: weights,
            vocabulary: String(decoding: read(RulePackLoader.transformerVocabularyFile, as: vocabulary, limit: TransformerClassifier.maxVocabularyBytes), as: UTF8.self),
            vocabularyPath: vocabulary)
    }

    /// Parses one rule file's bytes against a vocabulary and lexicon (used by the fuzzer and tools).
    public func parseRuleFile(path: String, bytes: [UInt8], vocabulary: Vocabulary, lexicon: Lexicon) throws(DiagnosticError) -> [Rule] {
        try loadRules(YAMLDocument.load(path: path, bytes: bytes, limits: limits), vocabulary: vocabulary, lexicon: lexicon)
    }

    func loadRules(_ document: YAMLDocument, vocabulary: Vocabulary, lexicon: Lexicon) throws(DiagnosticError) -> [Rule] {
        var reader = NodeReader(path: document.path)
        guard let root = document.root else {
            throw DiagnosticError(Diagnostic(.schema, at: SourceLocation.start(of: document.path), "empty rule file: expected 'rules:'"))
        }
        var rules: [Rule] = []
        for (_, _, value) in reader.mapping(root, what: "a rule file", allowed: ["rules"]) ?? [] {
            guard case .sequence(let items) = value else {
                reader.report(.schema, value, "'rules' must be a list of rules, found \(NodeReader.describe(value))")
                continue
            }
            for item in items {
                if let rule = parseRule(item, document: document, vocabulary: vocabulary, lexicon: lexicon, reader: &reader) { rules.append(rule) }
            }
        }
        if !reader.diagnostics.isEmpty { throw DiagnosticError(reader.diagnostics) }
        return rules
    }

    private func parseRule(_ node: YAMLNode, document: YAMLDocument, vocabulary: Vocabulary, lexicon: Lexicon, reader: inout NodeReader) -> Rule? {
        guard let pairs = reader.mapping(node, what: "a rule", allowed: RulePackLoader.ruleKeys) else { return nil }
        var fields: [String: (YAMLNode, YAMLNode)] = [:]
        for (key, keyNode, value) in pairs { fields[key] = (keyNode, value) }
        for required in ["id", "severity", "summary", "message", "rationale", "when"] where fields[required] == nil {
            reader.report(.missingKey, node, "rule is missing '\(required)'")
        }
        let id = fields["id"].flatMap { reader.string($0.1, what: "id") } ?? ""
        var severity = Severity.warning
        if let (_, value) = fields["severity"], let text = reader.string(value, what: "severity") {
            if let parsed = Severity(rawValue: text) { severity = parsed } else {
                reader.report(.schema, value, "unknown severity \(Diagnostic.quoted(text)); expected error, warning or info")
            }
        }
        var flag: String?
        if let (_, value) = fields["flag"], let text = reader.string(value, what: "flag") {
            switch vocabulary.resolve(text, in: .methodFlags) {
            case .canonical(let slug): flag = slug
            case .nonCanonical(let slug): reader.report(.nonCanonicalTerm, value, "rules name flags by slug: write '\(slug)'")
            case .unknown(let suggestion):
                reader.report(.unknownTerm, value, "unknown method flag \(Diagnostic.quoted(text))" + (suggestion.map { "; did you mean '\($0)'?" } ?? ""))
            }
        }
        let message = MessageTemplate(fields["message"].flatMap { reader.string($0.1, what: "message") } ?? "")
        let known = Set(StudyField.allCases.map(\.name)).union(MessageTemplate.evidencePlaceholders)
        for placeholder in message.placeholders where !known.contains(placeholder) {
            reader.report(.schema, fields["message"]!.1, "unknown placeholder '{\(placeholder)}' in message")
        }
        let parser = ConditionParser(vocabulary: vocabulary, lexicon: lexicon)
        let condition = fields["when"].flatMap { parser.parse($0.1, reader: &reader) }
        var examples = RuleExamples()
        if let (_, value) = fields["examples"] {
            examples = parseExamples(value, document: document, vocabulary: vocabulary, reader: &reader)
        }
        let placement = fields["at"].map { fieldsNamed($0.1, reader: &reader) } ?? []
        // A finding can land only on a field the rule looks at: another has no evidence to show.
        if let condition, let (_, node) = fields["at"] {
            let tested = Set(condition.fields)
            for field in placement where !tested.contains(field) {
                reader.report(.schema, node, "'at: \(field.name)' names a field the rule's 'when' does not test; its findings could never land there")
            }
        }
        guard !id.isEmpty, let condition else { return nil }
        return Rule(
            id: id, severity: severity, flag: flag,
            summary: fields["summary"].flatMap { reader.string($0.1, what: "summary") } ?? "",
            message: message,
            rationale: fields["rationale"].flatMap { reader.string($0.1, what: "rationale") } ?? "",
            reference: fields["reference"].flatMap { reader.string($0.1, what: "reference") },
            condition: condition, examples: examples, location: reader.location(node), placement: placement)
    }

    /// `at:` of a rule or an example: one entry field, or a list of them in order of preference.
    private func fieldsNamed(_ node: YAMLNode, reader: inout NodeReader) -> [StudyField] {
        (reader.stringOrList(node, what: "at") ?? []).compactMap { item in
            if let field = StudyField(name: item.value) ?? StudyField.allCases.first(where: { $0.displayName == item.value }) {
                return field
            }
            var message = "unknown field \(Diagnostic.quoted(item.value)) in 'at'"
            if let nearest = NearestMatch.best(for: item.value, among: StudyField.allCases.map(\.name)) { message += "; did you mean '\(nearest)'?" }
            reader.report(.schema, item.node, message)
            return nil
        }
    }

    private func expectation(_ node: YAMLNode, reader: inout NodeReader) -> RuleExample.Expectation {
        var expectation = RuleExample.Expectation(location: reader.location(node))
        for (key, _, value) in reader.mapping(node, what: "expect", keys: ExpectationKey.self) ?? [] {
            switch key {
            case .at:
                let fields = fieldsNamed(value, reader: &reader)
                if fields.count > 1 { reader.report(.schema, value, "an example's 'at' names one field") }
                expectation.field = fields.first
            case .match: expectation.match = reader.string(value, what: "expect.match")
            case .message: expectation.message = reader.string(value, what: "expect.message")
            case .count: expectation.count = reader.integer(value, what: "expect.count", range: 0...10_000)
            }
        }
        return expectation
    }

    private func parseExamples(_ node: YAMLNode, document: YAMLDocument, vocabulary: Vocabulary, reader: inout NodeReader) -> RuleExamples {
        var examples = RuleExamples()
        let loader = StudyLoader(vocabulary: vocabulary)
        for (key, _, value) in reader.mapping(node, what: "examples", allowed: ["triggering", "non_triggering"]) ?? [] {
            guard case .sequence(let items) = value else {
                reader.report(.schema, value, "'\(key)' must be a list of example entries")
                continue
            }
            for item in items {
                // `expect:` says where a triggering example's finding lands; `linked_study:` is
                // the study it reports on; the rest is the entry.
                let (withLink, expected) = item.removing(key: "expect")
                let (entry, linkedNode) = withLink.removing(key: "linked_study")
                if expected != nil && key != "triggering" {
                    reader.report(.schema, item, "'expect' belongs to triggering examples: a non-triggering one makes no finding")
                }
                var exampleReader = NodeReader(path: document.path)
                guard let study = loader.read(entry, document: document, reader: &exampleReader) else {
                    exampleReader.diagnostics.forEach { reader.report($0) }
                    continue
                }
                let linked = linkedNode.flatMap { loader.read($0, document: document, reader: &exampleReader) }
                var example = RuleExample(study: study, linked: linked)
                // An example whose link does not resolve would test nothing (a non-triggering one passes).
                if let linkedNode, linked != nil, example.target == nil {
                    reader.report(.schema, linkedNode, "the example's reports_on must name its linked_study by the study's id, doi or pmid")
                }
                // Examples are minimal entries: id and title may be left out.
                for diagnostic in exampleReader.diagnostics where diagnostic.check != .missingKey { reader.report(diagnostic) }
                example.expectation = expected.map { expectation($0, reader: &reader) }
                if key == "triggering" { examples.triggering.append(example) } else { examples.nonTriggering.append(example) }
            }
        }
        return examples
    }
}
