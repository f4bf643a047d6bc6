import FlagAuditEngine
import FlagAuditModel

/// Which tool, rule pack and claim model made an output: JSON's `tool`, SARIF's driver and
/// extension, JUnit's properties and the quality reports carry it, so a reader can tell whether
/// two reports are comparable.
public struct Provenance: Sendable, Equatable {
    /// nil: only the tool is known (an output rendered without a pack).
    public var pack: PackIdentity?
    public var claimModel: String?

    public init(pack: RulePack) {
        self.pack = pack.identity
        claimModel = pack.claimModelName
    }

    private init() {}

    /// The tool alone.
    public static let toolOnly = Provenance()

    /// JSON's `tool` object.
    public var json: JSONValue {
        var fields: [(String, JSONValue)] = [("name", .string(ToolVersion.name)), ("version", .string(ToolVersion.current))]
        if let pack {
            fields.append(("rule_pack", .object([("name", .string(pack.name)), ("version", pack.version.map(JSONValue.string) ?? .null)])))
        }
        if let claimModel { fields.append(("claim_model", .string(claimModel))) }
        return .object(fields)
    }

    /// One line for people: "flagaudit 0.3.0, rule pack flagaudit-default 1.0.0, claims read by linear 1f2e…".
    public var line: String {
        var parts = ["\(ToolVersion.name) \(ToolVersion.current)"]
        if let pack { parts.append("rule pack \(pack.described)") }
        if let claimModel { parts.append("claims read by \(claimModel)") }
        return parts.joined(separator: ", ")
    }
}
