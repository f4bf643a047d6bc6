import FlagAuditLoading
import FlagAuditModel

/// What a rule pack says of itself in `pack.yaml`, and where it was read from, so that every
/// output names the rules that made it. A pack's `version` changes whenever one of its rules
/// would report differently (semantic versioning: a new finding on an unchanged entry is at least
/// a minor step).
public struct PackIdentity: Sendable, Equatable {
    public var name: String
    /// nil: the pack has no `pack.yaml` (one written by hand, or exported before versions).
    public var version: String?
    /// The folder, or "built in".
    public var origin: String
    /// Where the pack's rule reference is published (`flagaudit rules doc`), an https URL:
    /// SARIF's `helpUri` of a rule is this and `#<id>`.
    public var documentation: String?

    public static let file = "pack.yaml"

    public init(name: String, version: String?, origin: String) {
        self.name = name
        self.version = version
        self.origin = origin
    }

    /// "flagaudit-default 1.0.0", or "NAME (unversioned)".
    public var described: String { "\(name) \(version ?? "(unversioned)")" }

    /// Reads `pack.yaml`: `name` (letters, digits, '-', '.', '_') and `version` (MAJOR.MINOR.PATCH).
    static func load(_ document: YAMLDocument, origin: String) throws(DiagnosticError) -> PackIdentity {
        var reader = NodeReader(path: document.path)
        var identity = PackIdentity(name: "unnamed", version: nil, origin: origin)
        if let root = document.root {
            for (key, _, value) in reader.mapping(root, what: "the pack's identity", allowed: ["name", "version", "description", "documentation"]) ?? [] {
                guard let text = reader.string(value, what: key) else { continue }
                switch key {
                case "name":
                    if text.isEmpty || !text.unicodeScalars.allSatisfy({ $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "-._".unicodeScalars.contains($0)) }) {
                        reader.report(Diagnostic(.schema, at: reader.location(value), "a pack name is letters, digits, '-', '.' and '_' (got '\(text)')"))
                    } else {
                        identity.name = text
                    }
                case "version":
                    let parts = text.split(separator: ".", omittingEmptySubsequences: false)
                    if parts.count == 3, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }) {
                        identity.version = text
                    } else {
                        reader.report(Diagnostic(.schema, at: reader.location(value), "a pack version is MAJOR.MINOR.PATCH, as 1.4.0 (got '\(text)')"))
                    }
                case "documentation":
                    if text.hasPrefix("https://"), !text.contains("#"), !text.unicodeScalars.contains(where: { $0.properties.isWhitespace }) {
                        identity.documentation = text
                    } else {
                        reader.report(Diagnostic(.schema, at: reader.location(value), "documentation is the https URL of the rule reference, without a '#' (got '\(text)')"))
                    }
                default: break
                }
            }
        }
        if !reader.diagnostics.isEmpty { throw DiagnosticError(reader.diagnostics) }
        return identity
    }
}
