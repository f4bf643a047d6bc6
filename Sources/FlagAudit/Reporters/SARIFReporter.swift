/// `--format sarif`: SARIF 2.1.0, for code-scanning dashboards. Each finding is a result with
/// its rule (metadata in `tool.driver.rules`), level, region and the suggested flag in properties.
public struct SARIFReporter: Sendable {
    public var rules: [RuleDescriptor]

    public init(rules: [RuleDescriptor]) { self.rules = rules }

    static func level(_ severity: Severity) -> String {
        switch severity {
        case .error: "error"
        case .warning: "warning"
        case .info: "note"
        }
    }

    public func render(_ report: AuditReport) -> String {
        let index = Dictionary(rules.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        let driver = JSONValue.object([
            ("name", .string(JSONReporter.toolName)),
            ("version", .string(JSONReporter.version)),
            ("semanticVersion", .string(JSONReporter.version)),
            ("rules", .array(rules.map(rule))),
        ])
        let results = report.studies.flatMap { study in
            study.findings.map { finding in result(finding, study: study, ruleIndex: index[finding.rule]) }
        }
        return JSONValue.object([
            ("$schema", .string("https://json.schemastore.org/sarif-2.1.0.json")),
            ("version", .string("2.1.0")),
            ("runs", .array([.object([
                ("tool", .object([("driver", driver)])),
                ("columnKind", .string("unicodeCodePoints")),
                ("results", .array(results)),
            ])])),
        ]).serialized() + "\n"
    }

    private func rule(_ rule: RuleDescriptor) -> JSONValue {
        var properties: [(String, JSONValue)] = [("builtin", .bool(rule.isBuiltin))]
        if let flag = rule.flag { properties.insert(("flag", .string(flag)), at: 0) }
        if let reference = rule.reference { properties.append(("reference", .string(reference))) }
        return .object([
            ("id", .string(rule.id)),
            ("shortDescription", .object([("text", .string(rule.summary))])),
            ("fullDescription", .object([("text", .string(rule.rationale))])),
            ("defaultConfiguration", .object([("level", .string(SARIFReporter.level(rule.severity)))])),
            ("properties", .object(properties)),
        ])
    }

    private func result(_ finding: Finding, study: StudyReport, ruleIndex: Int?) -> JSONValue {
        var region: [(String, JSONValue)] = [
            ("startLine", .number(finding.location.line)),
            ("startColumn", .number(finding.location.column)),
        ]
        if let excerpt = finding.excerpt { region.append(("snippet", .object([("text", .string(excerpt))]))) }
        var properties: [(String, JSONValue)] = []
        if let flag = finding.flag { properties.append(("flag", .string(flag))) }
        if let field = finding.field { properties.append(("field", .string(field))) }
        if let id = study.id { properties.append(("study", .string(id))) }
        var fields: [(String, JSONValue)] = [("ruleId", .string(finding.rule))]
        if let ruleIndex { fields.append(("ruleIndex", .number(ruleIndex))) }
        fields += [
            ("level", .string(SARIFReporter.level(finding.severity))),
            ("message", .object([("text", .string(finding.message))])),
            ("locations", .array([.object([
                ("physicalLocation", .object([
                    ("artifactLocation", .object([("uri", .string(finding.location.path))])),
                    ("region", .object(region)),
                ])),
            ])])),
            ("partialFingerprints", .object([("flagauditKey/v1", .string(BaselineKey(finding).fingerprint))])),
            ("properties", .object(properties)),
        ]
        return .object(fields)
    }
}
