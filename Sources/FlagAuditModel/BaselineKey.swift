/// How a finding is recognised across edits: its file, rule and the text it points at,
/// never its line number, so lines added above a finding do not make it new.
public struct BaselineKey: Sendable, Hashable {
    public var path: String
    public var rule: String
    public var text: String

    public init(path: String, rule: String, text: String) {
        self.path = BaselineKey.normalize(path)
        self.rule = rule
        self.text = text
    }

    public init(_ finding: Finding) {
        self.init(path: finding.location.path, rule: finding.rule, text: finding.excerpt ?? finding.message)
    }

    /// A short stable hash (FNV-1a, 64 bits) for SARIF's partial fingerprints.
    public var fingerprint: String {
        FNV1a.hex(FNV1a.hash(path + "\u{0}" + rule + "\u{0}" + text))
    }

    package static func normalize(_ path: String) -> String {
        var path = path
        while path.hasPrefix("./") { path.removeFirst(2) }
        return path
    }
}
