import FlagAuditModel

/// How `--format text` marks up its lines on a terminal: severities in colour (error red,
/// warning yellow, info cyan), the path bold, the rule and the excerpt dim. `plain` adds
/// nothing, for files, pipes and CI logs. Text from entries is made terminal-safe before it is
/// styled, so an entry can never write an escape sequence of its own.
public struct TextStyle: Sendable, Equatable {
    public let colored: Bool

    public static let plain = TextStyle(colored: false)
    public static let terminal = TextStyle(colored: true)

    public init(colored: Bool) { self.colored = colored }

    /// Whether to colour: `--color always|never` decides; `auto` colours a terminal unless
    /// `NO_COLOR` is set (no-color.org), `TERM` is `dumb`, or `FORCE_COLOR` (non-empty, not 0)
    /// asks for colour even off a terminal.
    public static func resolve(_ choice: ColorChoice, isTerminal: Bool, environment: [String: String]) -> TextStyle {
        switch choice {
        case .always: return .terminal
        case .never: return .plain
        case .auto:
            if let force = environment["FORCE_COLOR"], !force.isEmpty, force != "0" { return .terminal }
            if let none = environment["NO_COLOR"], !none.isEmpty { return .plain }
            if environment["TERM"] == "dumb" { return .plain }
            return isTerminal ? .terminal : .plain
        }
    }

    public enum ColorChoice: String, Sendable, CaseIterable { case auto, always, never }

    func severity(_ severity: Severity, _ text: String) -> String {
        guard colored else { return text }
        switch severity {
        case .error: return "\u{1B}[1;31m\(text)\u{1B}[0m"
        case .warning: return "\u{1B}[1;33m\(text)\u{1B}[0m"
        case .info: return "\u{1B}[1;36m\(text)\u{1B}[0m"
        }
    }

    func bold(_ text: String) -> String { colored ? "\u{1B}[1m\(text)\u{1B}[0m" : text }

    func dim(_ text: String) -> String { colored ? "\u{1B}[2m\(text)\u{1B}[0m" : text }
}
