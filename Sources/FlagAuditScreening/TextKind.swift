/// What a raw text is, which decides how it is read.
public enum TextKind: String, Sendable, CaseIterable {
    case abstract
    case fullText = "full-text"
    case news
    case atlasPage = "atlas-page"
}
