/// The top-level keys of a study entry (entry.md) and what each holds.
public enum StudyField: String, Sendable, CaseIterable, Hashable {
    case id, title, authors, journal, year, doi, pmid, source
    case reviewStatus = "review_status"
    case evidenceLevel = "evidence_level"
    case confidence, design, population
    case caseDefinition = "case_definition"
    case pem
    case sampleSize = "sample_size"
    case summary
    case whyItMatters = "why_it_matters"
    case findings, conclusions, limitations, text, tags, audit
    /// `tags.method_flags`, addressable by rules as a field of its own.
    case methodFlags = "method_flags"

    public enum Kind: Sendable, Equatable {
        case string
        case number
        case stringList
        /// Free text; `itemized` fields also accept a list of strings.
        case text(itemized: Bool)
        case term(TermCategory)
        case terms(TermCategory)
        case structure
    }

    public var kind: Kind {
        switch self {
        case .id, .journal, .doi, .pmid: .string
        case .year, .sampleSize: .number
        case .authors: .stringList
        case .title, .summary, .whyItMatters, .limitations, .text: .text(itemized: false)
        case .findings, .conclusions: .text(itemized: true)
        case .source: .term(.sources)
        case .reviewStatus: .term(.reviewStatuses)
        case .evidenceLevel: .term(.evidenceLevels)
        case .confidence: .term(.confidenceLevels)
        case .design: .term(.designs)
        case .pem: .term(.pemBadges)
        case .population: .terms(.populations)
        case .caseDefinition: .terms(.caseDefinitions)
        case .methodFlags: .terms(.methodFlags)
        case .tags, .audit: .structure
        }
    }

    /// Keys an entry may use at the top level (`method_flags` lives under `tags`).
    public static var entryKeys: [StudyField] { allCases.filter { $0 != .methodFlags } }

    public static var required: [StudyField] { [.id, .title] }

    /// How findings name the field: method flags are reported where they are written.
    public var displayName: String { self == .methodFlags ? "tags.method_flags" : rawValue }

    /// The field's place in the entry format (the order of the cases): findings that could
    /// land on several fields land on the earliest, whatever order a rule names them in.
    public var order: Int { Int(caseTag) }

    public var isText: Bool {
        if case .text = kind { return true }
        return false
    }
}

// Hashed and compared by case. A raw-value enum otherwise takes RawRepresentable's defaults,
// which hash and compare the raw strings, and fields key the dictionaries every rule reads.
extension StudyField {
    public static func == (lhs: StudyField, rhs: StudyField) -> Bool { lhs.caseTag == rhs.caseTag }
    public func hash(into hasher: inout Hasher) { hasher.combine(caseTag) }
    /// The case's position in the declaration (a payload-free enum of under 256 cases is that byte).
    @inline(__always) var caseTag: UInt8 { unsafeBitCast(self, to: UInt8.self) }
}
