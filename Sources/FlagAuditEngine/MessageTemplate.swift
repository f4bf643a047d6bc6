import FlagAuditModel

/// A rule's message with `{placeholders}` filled from the study and the evidence:
/// any field name (`{design}`, `{sample_size}`), `{match}` and `{excerpt}`, and for a comparison
/// (`linked_study:`) `{counterpart}` (the linked study's sentence) and `{detail}` (how the two differ).
public struct MessageTemplate: Sendable, Equatable {
    public let text: String
    /// The text cut at its placeholders once, so that rendering a finding only concatenates
    /// (and a value that itself contains braces is never expanded again).
    private let segments: [Segment]

    /// Placeholders are resolved once too: rendering compares no names.
    private enum Segment: Sendable, Equatable {
        case literal(String)
        case match
        case excerpt
        case counterpart
        case detail
        /// A field's values; nil for a name that is no field (the pack loader rejects those).
        case field(StudyField?, name: String)

        init(placeholder name: String) {
            switch name {
            case "match": self = .match
            case "excerpt": self = .excerpt
            case "counterpart": self = .counterpart
            case "detail": self = .detail
            default: self = .field(StudyField(name: name), name: name)
            }
        }
    }

    public static let evidencePlaceholders: Set<String> = ["match", "excerpt", "counterpart", "detail"]

    public init(_ text: String) {
        self.text = text
        var segments: [Segment] = []
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            if open > rest.startIndex { segments.append(.literal(String(rest[..<open]))) }
            segments.append(Segment(placeholder: String(rest[rest.index(after: open)..<close])))
            rest = rest[rest.index(after: close)...]
        }
        if !rest.isEmpty { segments.append(.literal(String(rest))) }
        self.segments = segments
    }

    /// Names between braces, for validation when the rule is loaded.
    public var placeholders: [String] {
        segments.compactMap { segment in
            switch segment {
            case .literal: nil
            case .match: "match"
            case .excerpt: "excerpt"
            case .counterpart: "counterpart"
            case .detail: "detail"
            case .field(_, let name): name
            }
        }
    }

    public func render(study: Study, evidence: Evidence?) -> String {
        var output = ""
        for segment in segments {
            switch segment {
            case .literal(let literal):
                output += literal
            case .match:
                output += evidence?.match ?? evidence?.excerpt ?? ""
            case .excerpt:
                output += evidence?.excerpt ?? ""
            case .counterpart:
                output += evidence?.counterpart?.excerpt ?? ""
            case .detail:
                output += evidence?.detail ?? ""
            case .field(let field, _):
                let values = field.map { study.values(of: $0) } ?? []
                output += values.isEmpty ? "(not stated)" : values.joined(separator: ", ")
            }
        }
        return output
    }
}
