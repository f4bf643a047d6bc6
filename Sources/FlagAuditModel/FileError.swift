/// A problem with a file the tool reads or writes for itself (a report it writes, a labelled
/// CSV it evaluates on), as opposed to a `Diagnostic` of an entry, rule pack or configuration
/// against their formats: it has no built-in check or severity, and it stops the command.
public struct FileError: Error, Sendable, Equatable, CustomStringConvertible {
    public var location: SourceLocation
    public var message: String

    public init(at location: SourceLocation, _ message: String) {
        self.location = location
        self.message = message
    }

    /// The first problem of a read that failed with diagnostics (unreadable, too large).
    public init(_ error: DiagnosticError) {
        let first = error.diagnostics.first
        self.init(at: first?.location ?? SourceLocation.start(of: ""), first?.message ?? "cannot read file")
    }

    public var description: String { "\(location): error: \(message)" }
}
