/// A rule's message with `{placeholders}` filled from the study and the evidence:
/// any field name (`{design}`, `{sample_size}`), `{match}` and `{excerpt}`.
public struct MessageTemplate: Sendable, Equatable {
    public let text: String
    /// The text cut at its placeholders once, so that rendering a finding only concatenates
    /// (and a value that itself contains braces is never expanded again).
    private let segments: [Segment]

    private enum Segment: Sendable, Equatable {
        case literal(String)
        case placeholder(String)
    }

    public static let evidencePlaceholders: Set<String> = ["match", "excerpt"]

    public init(_ text: String) {
        self.text = text
        var segments: [Segment] = []
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            if open > rest.startIndex { segments.append(.literal(String(rest[..<open]))) }
            segments.append(.placeholder(String(rest[rest.index(after: open)..<close])))
            rest = rest[rest.index(after: close)...]
        }
        if !rest.isEmpty { segments.append(.literal(String(rest))) }
        self.segments = segments
    }

    /// Names between braces, for validation when the rule is loaded.
    public var placeholders: [String] {
        segments.compactMap { if case .placeholder(let name) = $0 { name } else { nil } }
    }

    public func render(study: Study, evidence: Evidence?) -> String {
        var output = ""
        for segment in segments {
            switch segment {
            case .literal(let literal):
                output += literal
            case .placeholder("match"):
                output += evidence?.match ?? evidence?.excerpt ?? ""
            case .placeholder("excerpt"):
                output += evidence?.excerpt ?? ""
            case .placeholder(let name):
                let values = StudyField(rawValue: name).map { study.values(of: $0) } ?? []
                output += values.isEmpty ? "(not stated)" : values.joined(separator: ", ")
            }
        }
        return output
    }
}
