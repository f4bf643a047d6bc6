/// How raw texts are recognised and read (`screen` in `lexicon.yaml`).
public struct ScreenLexicon: Sendable {
    /// Atlas page heading → entry field (`ignore`, `tags` and `metadata` are structural).
    public var atlasHeadings: [String: String] = [:]
    /// Atlas tag line prefix → tag category (`method_flags` or a free category).
    public var atlasTags: [String: String] = [:]
    /// Atlas metadata label → entry field.
    public var atlasMetadata: [String: String] = [:]
    public var fullTextHeadings: Set<String> = []
    public var fullTextLength = 12_000
    public var populationWindow = 4_000

    public init() {}
}
