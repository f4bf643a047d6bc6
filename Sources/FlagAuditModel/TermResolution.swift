/// How a value written in an entry maps onto the vocabulary.
public enum TermResolution: Sendable, Equatable {
    /// Written exactly as the slug.
    case canonical(String)
    /// Written as a label or alias; the associated value is the slug.
    case nonCanonical(String)
    /// Matches nothing; `suggestion` is the nearest slug, if any is near.
    case unknown(suggestion: String?)

    public var slug: String? {
        switch self {
        case .canonical(let slug), .nonCanonical(let slug): slug
        case .unknown: nil
        }
    }
}
