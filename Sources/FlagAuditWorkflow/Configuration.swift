import FlagAuditEngine
import FlagAuditLoading
import FlagAuditModel


/// Optional `.flagaudit.yml` at the atlas root: which pack, which rules are off, severity
/// overrides, paths to skip, and the failing threshold. Command-line options win over it.
public struct Configuration: Sendable {
    public static let defaultPath = ".flagaudit.yml"
    /// The keys of `.flagaudit.yml`, in the order the reference lists them.
    enum Key: String, CaseIterable {
        case rules
        case disabledRules = "disabled_rules"
        case severity, exclude
        case failOn = "fail_on"
    }

    public var path: String
    public var rules: String?
    public var disabledRules: [Located<String>] = []
    public var severities: [(rule: Located<String>, severity: Severity)] = []
    public var exclude: [String] = []
    /// nil: not set; `.some(nil)`: never fail.
    public var failOn: Severity??

    public init(path: String) { self.path = path }

    public static func load(_ path: String) throws(DiagnosticError) -> Configuration {
        let document = try YAMLDocument.load(path: path, bytes: try FileInput.read(path, limit: 1 << 20), limits: .entry)
        var configuration = Configuration(path: path)
        guard let root = document.root else { return configuration }
        var reader = NodeReader(path: path)
        for (key, _, value) in reader.mapping(root, what: "the configuration", keys: Key.self) ?? [] {
            switch key {
            case .rules:
                configuration.rules = reader.string(value, what: "rules")
            case .disabledRules:
                configuration.disabledRules = (reader.scalarList(value, what: key.rawValue) ?? []).map { Located($0.value, at: reader.location($0.node)) }
            case .exclude:
                configuration.exclude = (reader.scalarList(value, what: key.rawValue) ?? []).map { BaselineKey.normalize($0.value) }
            case .failOn:
                let text = reader.string(value, what: key.rawValue) ?? ""
                if text == "never" { configuration.failOn = .some(nil) } else if let severity = Severity(rawValue: text) {
                    configuration.failOn = .some(severity)
                } else {
                    reader.report(.schema, value, "fail_on must be error, warning, info or never, found '\(text)'")
                }
            case .severity:
                for (rule, keyNode, level) in reader.mapping(value, what: "severity", allowed: nil) ?? [] {
                    let text = reader.string(level, what: "severity of \(rule)") ?? ""
                    guard let severity = Severity(rawValue: text) else {
                        reader.report(.schema, level, "severity of '\(rule)' must be error, warning or info, found '\(text)'")
                        continue
                    }
                    configuration.severities.append((Located(rule, at: reader.location(keyNode)), severity))
                }
            }
        }
        if !reader.diagnostics.isEmpty { throw DiagnosticError(reader.diagnostics) }
        return configuration
    }

    /// The pack with rules disabled and severities overridden; unknown rule ids are errors.
    public func apply(to pack: RulePack) throws(DiagnosticError) -> RulePack {
        var pack = pack
        let known = pack.rules.map(\.id)
        var diagnostics: [Diagnostic] = []
        func check(_ id: Located<String>) -> Bool {
            guard !known.contains(id.value) else { return true }
            var message = "unknown rule '\(id.value)'"
            if let nearest = NearestMatch.best(for: id.value, among: known) { message += "; did you mean '\(nearest)'?" }
            diagnostics.append(Diagnostic(.schema, at: id.location, message))
            return false
        }
        let disabled = Set(disabledRules.filter(check).map(\.value))
        pack.rules.removeAll { disabled.contains($0.id) }
        for (rule, severity) in severities where check(rule) {
            if let index = pack.rules.firstIndex(where: { $0.id == rule.value }) { pack.rules[index].severity = severity }
        }
        if !diagnostics.isEmpty { throw DiagnosticError(diagnostics) }
        return pack
    }
}
