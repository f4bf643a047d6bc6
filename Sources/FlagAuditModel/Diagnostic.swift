/// A located problem found while reading a file (entry, rule pack or vocabulary).
public struct Diagnostic: Sendable, Equatable, CustomStringConvertible {
    /// The built-in check that reports it (`yaml-syntax`, `schema`, `unknown-term`, ...).
    public var check: BuiltinCheck
    public var location: SourceLocation
    public var message: String
    public var field: String?
    public var excerpt: String?
    /// Where the problem ends (exclusive), when known.
    public var end: SourceLocation?
    public var related: [SourceLocation]
    /// The repair, when the reader that found the problem knows it.
    public var fix: Fix?

    public init(
        _ check: BuiltinCheck, at location: SourceLocation, _ message: String,
        field: String? = nil, excerpt: String? = nil,
        end: SourceLocation? = nil, related: [SourceLocation] = [], fix: Fix? = nil
    ) {
        self.check = check
        self.location = location
        self.message = message
        self.field = field
        self.excerpt = excerpt
        self.end = end
        self.related = related
        self.fix = fix
    }

    public var severity: Severity { check.severity }

    /// A value as a message quotes it: on one line, in single quotes, cut after 60 characters.
    /// The excerpt shows the whole place; a paragraph pasted into the wrong field would
    /// otherwise fill the message, and a line break in it would split a one-line report.
    public static func quoted(_ value: String) -> String { "'" + value.clipped(to: 60) + "'" }

    /// One line, whatever the path or the message hold (`terminalSafe`).
    public var description: String { "\(location.description.terminalSafe): \(severity.rawValue): \(message.terminalSafe)" }
}

/// Thrown when a file cannot be used at all; carries every problem found before giving up.
public struct DiagnosticError: Error, Sendable, CustomStringConvertible {
    public var diagnostics: [Diagnostic]

    public init(_ diagnostics: [Diagnostic]) { self.diagnostics = diagnostics }
    public init(_ diagnostic: Diagnostic) { self.diagnostics = [diagnostic] }

    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}
