/// How an entry names another study (`reports_on`): by the other entry's id, its DOI or its PMID.
/// DOIs compare ignoring case, as the DOI system resolves them; a `doi:` or `https://doi.org/`
/// prefix and a `pmid:` prefix are read as the same reference.
public enum StudyReference: Sendable, Hashable, CustomStringConvertible {
    case id(String)
    case doi(String)
    case pmid(String)

    /// Nil when the text is none of the three.
    public init?(_ text: String) {
        let value = text.trimmedWhitespace
        let lowered = value.lowercased()
        for prefix in ["https://doi.org/", "http://doi.org/", "https://dx.doi.org/", "http://dx.doi.org/", "doi:"] where lowered.hasPrefix(prefix) {
            let doi = String(lowered.dropFirst(prefix.count)).trimmedWhitespace
            guard StudyReference.isDOI(doi) else { return nil }
            self = .doi(doi)
            return
        }
        if lowered.hasPrefix("pmid:") {
            let pmid = String(value.dropFirst(5)).trimmedWhitespace
            guard StudyReference.isPMID(pmid) else { return nil }
            self = .pmid(pmid)
        } else if StudyReference.isPMID(value) {
            self = .pmid(value)
        } else if StudyReference.isDOI(lowered) {
            self = .doi(lowered)
        } else if StudyReference.isID(value) {
            self = .id(value)
        } else {
            return nil
        }
    }

    /// The entry format's rules for a `doi`, a `pmid` and an `id`, which the loader checks too.
    /// A DOI starts with "10." and holds a "/".
    public static func isDOI(_ text: String) -> Bool { text.hasPrefix("10.") && text.contains("/") }

    public static func isPMID(_ text: String) -> Bool { !text.isEmpty && text.utf8.allSatisfy { (0x30...0x39).contains($0) } }

    /// The entry format's rule for an id: lowercase letters, digits and hyphens, not starting with a hyphen.
    public static func isID(_ text: String) -> Bool {
        guard let first = text.utf8.first, first != UInt8(ascii: "-") else { return false }
        return text.utf8.allSatisfy { (0x61...0x7A).contains($0) || (0x30...0x39).contains($0) || $0 == UInt8(ascii: "-") }
    }

    public var isID: Bool {
        if case .id = self { return true }
        return false
    }

    public var description: String {
        switch self {
        case .id(let id): "id '\(id)'"
        case .doi(let doi): "DOI \(doi)"
        case .pmid(let pmid): "PMID \(pmid)"
        }
    }
}
