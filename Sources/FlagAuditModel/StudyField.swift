/// The top-level keys of a study entry (entry.md) and what each holds. The raw value is the
/// case's position in the entry format, which orders findings and indexes `FieldMap`.
public enum StudyField: Int, Sendable, CaseIterable, Hashable {
    case id, title, authors, journal, year, doi, pmid, source, reportsOn
    case reviewStatus, evidenceLevel, confidence, design, population, caseDefinition, pem, sampleSize
    case summary, whyItMatters, findings, conclusions, limitations, text, tags, audit
    /// `tags.method_flags`, addressable by rules as a field of its own.
    case methodFlags

    /// The key as written in an entry (and in rules).
    public var name: String {
        switch self {
        case .id: "id"
        case .title: "title"
        case .authors: "authors"
        case .journal: "journal"
        case .year: "year"
        case .doi: "doi"
        case .pmid: "pmid"
        case .source: "source"
        case .reportsOn: "reports_on"
        case .reviewStatus: "review_status"
        case .evidenceLevel: "evidence_level"
        case .confidence: "confidence"
        case .design: "design"
        case .population: "population"
        case .caseDefinition: "case_definition"
        case .pem: "pem"
        case .sampleSize: "sample_size"
        case .summary: "summary"
        case .whyItMatters: "why_it_matters"
        case .findings: "findings"
        case .conclusions: "conclusions"
        case .limitations: "limitations"
        case .text: "text"
        case .tags: "tags"
        case .audit: "audit"
        case .methodFlags: "method_flags"
        }
    }

    private static let byName = Dictionary(uniqueKeysWithValues: allCases.map { ($0.name, $0) })

    /// The field a key names, if any.
    public init?(name: String) {
        guard let field = StudyField.byName[name] else { return nil }
        self = field
    }

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
        case .id, .journal, .doi, .pmid, .reportsOn: .string
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
    public var displayName: String { self == .methodFlags ? "tags.method_flags" : name }

    /// The field's place in the entry format (the order of the cases): findings that could
    /// land on several fields land on the earliest, whatever order a rule names them in.
    public var order: Int { rawValue }

    public var isText: Bool {
        if case .text = kind { return true }
        return false
    }
}
