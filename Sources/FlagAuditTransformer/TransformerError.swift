import FlagAuditModel

/// A model file that cannot be used: where, and why. Loading refuses such a file outright;
/// the audit never falls back to another model in silence.
public struct TransformerError: Error, Sendable, CustomStringConvertible {
    public var path: String
    public var message: String

    public init(path: String, _ message: String) {
        self.path = path
        self.message = message
    }

    public var diagnostic: Diagnostic { Diagnostic(.schema, at: SourceLocation.start(of: path), message) }
    public var description: String { "\(path): error: \(message)" }
}
