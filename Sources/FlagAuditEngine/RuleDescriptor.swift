import FlagAuditModel

/// What reporters and `rules list` say about a rule, whether from the pack or built in.
public struct RuleDescriptor: Sendable, Equatable {
    public var id: String
    public var severity: Severity
    public var flag: String?
    public var summary: String
    public var rationale: String
    public var reference: String?
    public var isBuiltin: Bool
    /// The rule's examples as flow YAML (`ExampleText`): entries it fires on, and does not.
    public var firesOn: [String] = []
    public var doesNotFireOn: [String] = []

    /// Every rule of the pack followed by the built-in checks, in a stable order.
    public static func catalog(of pack: RulePack) -> [RuleDescriptor] {
        pack.rules.map {
            RuleDescriptor(
                id: $0.id, severity: $0.severity, flag: $0.flag, summary: $0.summary, rationale: $0.rationale,
                reference: $0.reference, isBuiltin: false,
                firesOn: $0.examples.triggering.map { ExampleText.describe($0.study, origin: false) },
                doesNotFireOn: $0.examples.nonTriggering.map { ExampleText.describe($0.study, origin: false) })
        } + BuiltinCheck.allCases.map {
            RuleDescriptor(
                id: $0.rawValue, severity: $0.severity, flag: nil, summary: $0.summary, rationale: $0.summary,
                reference: nil, isBuiltin: true)
        }
    }
}
