import FlagAuditModel

/// The cue lists of one design signal: values in priority order, each with its phrases.
public struct SignalLexicon: Sendable {
    public var name: String
    public var values: [(value: String, phrases: PhraseSet)]

    public init(name: String, values: [(value: String, phrases: PhraseSet)]) {
        self.name = name
        self.values = values
    }

    public var valueNames: [String] { values.map(\.value) }
}

/// Phrases that name vocabulary terms in free text, by category and slug.
public struct TermLexicon: Sendable {
    public var terms: [TermCategory: [(slug: String, phrases: PhraseSet)]] = [:]

    public init() {}
}
