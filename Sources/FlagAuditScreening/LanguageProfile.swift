/// A cheap guess at a text's language from its commonest short words, which every running text
/// of a language is full of and other languages mostly lack. It tells English from the languages
/// research texts in this atlas's fields are most often written in; it is no general detector.
public struct LanguageProfile: Sendable {
    public var language: String
    public var words: Set<String>

    /// English first: a tie goes to English, which is what FlagAudit reads.
    public static let known: [LanguageProfile] = [
        LanguageProfile(language: "English", words: ["the", "and", "of", "to", "in", "is", "was", "were", "with", "that", "for", "this", "are", "by", "on", "from", "we", "as", "at", "which", "be", "an", "or", "not", "than", "after", "their", "these", "had", "has"]),
        LanguageProfile(language: "German", words: ["der", "die", "das", "und", "ist", "mit", "von", "den", "dem", "des", "ein", "eine", "einer", "nicht", "wurde", "wurden", "bei", "zu", "auf", "für", "sich", "im", "als", "auch", "nach", "oder", "wir", "sind", "zur", "zum"]),
        LanguageProfile(language: "French", words: ["le", "la", "les", "des", "et", "est", "une", "un", "du", "dans", "pour", "avec", "sur", "par", "que", "qui", "pas", "au", "aux", "ont", "été", "nous", "ces", "sont", "chez", "cette", "plus", "entre", "ou", "leur"]),
        LanguageProfile(language: "Spanish", words: ["el", "la", "los", "las", "y", "es", "una", "un", "del", "en", "para", "con", "por", "que", "se", "fue", "fueron", "al", "como", "más", "entre", "sus", "su", "lo", "este", "esta", "pacientes", "no", "o", "han"]),
        LanguageProfile(language: "Italian", words: ["il", "lo", "gli", "della", "delle", "dei", "e", "è", "una", "un", "di", "per", "con", "che", "sono", "stato", "stati", "nel", "nella", "tra", "alla", "come", "più", "non", "questo", "questa", "pazienti", "ed", "anche", "dal"]),
        LanguageProfile(language: "Dutch", words: ["de", "het", "een", "en", "van", "is", "zijn", "werd", "werden", "met", "voor", "op", "niet", "dat", "die", "bij", "ook", "aan", "naar", "als", "wij", "deze", "dit", "er", "om", "tot", "door", "uit", "of", "patiënten"]),
        LanguageProfile(language: "Portuguese", words: ["o", "os", "as", "da", "do", "das", "dos", "e", "é", "uma", "um", "em", "para", "com", "por", "que", "se", "foi", "foram", "não", "como", "mais", "entre", "seus", "sua", "ao", "pacientes", "na", "no", "ou"]),
    ]

    /// The words of `text`, lower-cased letters only.
    public static func words(_ text: String) -> [Substring] {
        let lower = text.lowercased()
        return lower.split { !$0.isLetter }
    }

    /// The language whose common words `words` use most, with its share of the words, or nil
    /// when no profile's words reach `minimumShare` (a list, a table, a language not known here).
    public static func guess(_ words: [Substring], minimumShare: Double = 0.08) -> (language: String, share: Double)? {
        guard !words.isEmpty else { return nil }
        var best: (language: String, hits: Int)?
        for profile in known {
            let hits = words.reduce(0) { $0 + (profile.words.contains(String($1)) ? 1 : 0) }
            if hits > (best?.hits ?? 0) { best = (profile.language, hits) }
        }
        guard let best else { return nil }
        let share = Double(best.hits) / Double(words.count)
        return share >= minimumShare ? (best.language, share) : nil
    }
}
