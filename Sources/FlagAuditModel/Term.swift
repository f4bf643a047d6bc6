/// One controlled value of the vocabulary: a canonical slug, a display label and accepted aliases.
public struct Term: Sendable, Equatable {
    public var slug: String
    public var label: String
    public var aliases: [String]
    public var description: String?
    /// Named properties rules can select on with `@name` (for example `requires-pem`).
    public var attributes: Set<String>
    /// For method flags: the flag that contradicts this one.
    public var opposite: String?
    /// For evidence levels: designs admitted at this level; nil admits any design.
    public var admittedDesigns: Set<String>?

    public init(
        slug: String, label: String, aliases: [String] = [], description: String? = nil,
        attributes: Set<String> = [], opposite: String? = nil, admittedDesigns: Set<String>? = nil
    ) {
        self.slug = slug
        self.label = label
        self.aliases = aliases
        self.description = description
        self.attributes = attributes
        self.opposite = opposite
        self.admittedDesigns = admittedDesigns
    }
}
