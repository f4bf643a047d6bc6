import FlagAuditModel

/// What `screen` read from a raw text (cli.md `extracted`). Nil means unknown: never guessed.
public struct Extraction: Sendable, Equatable {
    public var kind: TextKind
    public var source: String?
    public var design: String?
    public var population: [String] = []
    public var sampleSize: Int?
    public var caseDefinition: [String] = []
    public var pem: String?
    public var randomized: Bool?
    public var blinded: Bool?
    /// The kind of control group (waiting-list, active, placebo, usual-care, healthy-controls, none).
    public var control: String?
    /// For reviews: meta-analysis, systematic (PRISMA, Cochrane) or narrative.
    public var review: String?
    /// The sentence (or field) each extracted value was read from, by the JSON name of its field.
    public var evidence: [String: Evidence] = [:]

    /// The fields `evidence` may hold, in the order they are shown.
    public static let fields = ["source", "design", "population", "sample_size", "case_definition", "randomized", "blinded", "control", "review"]

    public init(kind: TextKind) { self.kind = kind }

    public var json: JSONValue {
        func bool(_ value: Bool?) -> JSONValue { value.map(JSONValue.bool) ?? .null }
        return .object([
            ("kind", .string(kind.rawValue)),
            ("source", .optional(source)),
            ("design", .optional(design)),
            ("population", .array(population.map(JSONValue.string))),
            ("sample_size", sampleSize.map(JSONValue.number) ?? .null),
            ("case_definition", .array(caseDefinition.map(JSONValue.string))),
            ("pem", .optional(pem)),
            ("randomized", bool(randomized)),
            ("blinded", bool(blinded)),
            ("control", .optional(control)),
            ("review", .optional(review)),
            ("evidence", .object(Extraction.fields.compactMap { field in
                evidence[field].map { evidence in
                    (field, .object([
                        ("field", .string(evidence.field.displayName)), ("line", .number(evidence.location.line)),
                        ("column", .number(evidence.location.column)), ("excerpt", .string(evidence.excerpt)),
                        ("match", .optional(evidence.match)),
                    ]))
                }
            })),
        ])
    }
}
