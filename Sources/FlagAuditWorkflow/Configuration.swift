import FlagAuditEngine
import FlagAuditLoading
import FlagAuditModel
import Foundation

/// Optional `.flagaudit.yml` at the atlas root: which pack, which rules and built-in checks are
/// off or re-graded, paths to skip, and the failing threshold. Command-line options win over it.
/// Its folder is the atlas root: `rules:` and `exclude:` are read against it, and baselines key
/// paths relative to it, wherever the tool is run from.
public struct Configuration: Sendable {
    public static let defaultPath = ".flagaudit.yml"
    /// The environment variable naming a configuration file when `--config` does not.
    public static let environmentVariable = "FLAGAUDIT_CONFIG"
    /// The configuration format's version; a file may say `version: 1`.
    public static let version = 1
    /// The keys of `.flagaudit.yml`, in the order the reference lists them.
    enum Key: String, CaseIterable {
        case version, rules
        case disabledRules = "disabled_rules"
        case severity, exclude
        case failOn = "fail_on"
    }

    public var path: String
    /// The folder holding the file, absolute.
    public var root: String
    /// The pack folder as written; `rulesDirectory` is where it is.
    public var rules: String?
    public var disabledRules: [Located<String>] = []
    public var severities: [(rule: Located<String>, severity: Severity)] = []
    public var exclude: [PathPattern] = []
    /// nil: not set; `.some(nil)`: never fail.
    public var failOn: Severity??

    public init(path: String, currentFolder: String = FileManager.default.currentDirectoryPath) {
        self.path = path
        let absolute = PathText.absolute(path, from: currentFolder)
        root = String(absolute[..<(absolute.lastIndex(of: "/") ?? absolute.startIndex)])
        if root.isEmpty { root = "/" }
    }

    /// The pack folder, read against the configuration's folder.
    public var rulesDirectory: String? {
        rules.map { $0.hasPrefix("/") ? $0 : PathText.shown(PathText.absolute($0, from: root)) }
    }

    /// What `exclude:` leaves out; nil when it names nothing.
    public func exclusion(currentFolder: String = FileManager.default.currentDirectoryPath) -> Exclusion? {
        exclude.isEmpty ? nil : Exclusion(root: root, patterns: exclude, currentFolder: currentFolder)
    }

    /// The configuration a run uses: `explicit` (`--config`, or `FLAGAUDIT_CONFIG`), which must
    /// exist; else the nearest `.flagaudit.yml` in `start` or a folder above it; else none.
    public static func find(explicit: String?, searchingFrom start: String?) throws(DiagnosticError) -> Configuration? {
        if let explicit { return try load(explicit) }
        guard let start else { return nil }
        var folder = PathText.absolute(start, from: FileManager.default.currentDirectoryPath)
        while true {
            let candidate = (folder == "/" ? "" : folder) + "/" + defaultPath
            if FileManager.default.fileExists(atPath: candidate) { return try load(PathText.shown(candidate)) }
            guard folder != "/", let slash = folder.lastIndex(of: "/") else { return nil }
            folder = slash == folder.startIndex ? "/" : String(folder[..<slash])
        }
    }

    public static func load(_ path: String) throws(DiagnosticError) -> Configuration {
        let document = try YAMLDocument.load(path: path, bytes: try FileInput.read(path, limit: 1 << 20), limits: .entry)
        var configuration = Configuration(path: path)
        guard let root = document.root else { return configuration }
        var reader = NodeReader(path: path)
        for (key, _, value) in reader.mapping(root, what: "the configuration", keys: Key.self) ?? [] {
            switch key {
            case .version:
                if let version = reader.integer(value, what: key.rawValue), version != Configuration.version {
                    reader.report(.schema, value, "this flagaudit reads configuration version \(Configuration.version), not \(version)")
                }
            case .rules:
                configuration.rules = reader.string(value, what: "rules")
            case .disabledRules:
                configuration.disabledRules = (reader.scalarList(value, what: key.rawValue) ?? []).map { Located($0.value, at: reader.location($0.node)) }
            case .exclude:
                configuration.exclude = (reader.scalarList(value, what: key.rawValue) ?? []).map { PathPattern($0.value) }
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

    /// The pack with rules and built-in checks disabled and severities overridden; unknown ids,
    /// and built-in checks of the entry format itself, are errors.
    public func apply(to pack: RulePack) throws(DiagnosticError) -> RulePack {
        var pack = pack
        let adjustable = BuiltinGrades.adjustable.map(\.rawValue)
        let known = pack.rules.map(\.id) + adjustable
        var diagnostics: [Diagnostic] = []
        func check(_ id: Located<String>) -> Bool {
            guard !known.contains(id.value) else { return true }
            if let builtin = BuiltinCheck(rawValue: id.value) {
                diagnostics.append(Diagnostic(.schema, at: id.location,
                    "'\(builtin.rawValue)' is part of the entry format and cannot be disabled or re-graded: an entry that breaks the format is not audited as written; fix the entry"))
                return false
            }
            var message = "unknown rule '\(id.value)'"
            if let nearest = NearestMatch.best(for: id.value, among: known) { message += "; did you mean '\(nearest)'?" }
            diagnostics.append(Diagnostic(.schema, at: id.location, message))
            return false
        }
        let disabled = Set(disabledRules.filter(check).map(\.value))
        pack.rules.removeAll { disabled.contains($0.id) }
        pack.builtinGrades.disabled = disabled.intersection(adjustable)
        for (rule, severity) in severities where check(rule) {
            if let index = pack.rules.firstIndex(where: { $0.id == rule.value }) { pack.rules[index].severity = severity }
            if adjustable.contains(rule.value) { pack.builtinGrades.severities[rule.value] = severity }
        }
        if !diagnostics.isEmpty { throw DiagnosticError(diagnostics) }
        return pack
    }
}
