/// `--format json`: the object documented in cli.md, plus `why` on each finding and the
/// `evidence` of rules that confirm declared flags.
public struct JSONReporter: Sendable {
    public static let toolName = "flagaudit"
    public static let version = "0.1.0"

    public init() {}

    public func render(_ report: AuditReport) -> String {
        JSONValue.object([
            ("tool", .object([("name", .string(JSONReporter.toolName)), ("version", .string(JSONReporter.version))])),
            ("studies", .array(report.studies.map(study))),
            ("summary", .object([
                ("studies", .number(report.studies.count)),
                ("error", .number(report.count(.error))),
                ("warning", .number(report.count(.warning))),
                ("info", .number(report.count(.info))),
            ])),
        ]).serialized() + "\n"
    }

    public func study(_ study: StudyReport) -> JSONValue {
        .object([
            ("id", .optional(study.id)),
            ("path", .string(study.path)),
            ("declared_flags", .array(study.declaredFlags.map(JSONValue.string))),
            ("suggested_flags", .array(study.suggestedFlags.map(JSONValue.string))),
            ("missing_flags", .array(study.missingFlags.map(JSONValue.string))),
            ("unsupported_flags", .array(study.unsupportedFlags.map(JSONValue.string))),
            ("findings", .array(study.findings.map(finding))),
            ("evidence", .array(study.matches.flatMap { match in
                match.findings(for: study.study ?? Study(path: study.path)).map(finding)
            })),
        ])
    }

    public func finding(_ finding: Finding) -> JSONValue {
        .object([
            ("rule", .string(finding.rule)),
            ("severity", .string(finding.severity.rawValue)),
            ("flag", .optional(finding.flag)),
            ("message", .string(finding.message)),
            ("field", .optional(finding.field)),
            ("line", .number(finding.location.line)),
            ("column", .number(finding.location.column)),
            ("excerpt", .optional(finding.excerpt)),
            ("why", .optional(finding.why)),
        ])
    }
}
