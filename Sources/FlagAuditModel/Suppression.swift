/// An editor's decision, in `audit.ignore`, that a rule does not apply to this entry.
public struct Suppression: Sendable, Equatable {
    public var rule: String
    public var reason: String?
    public var location: SourceLocation

    public init(rule: String, reason: String?, location: SourceLocation) {
        self.rule = rule
        self.reason = reason
        self.location = location
    }
}
