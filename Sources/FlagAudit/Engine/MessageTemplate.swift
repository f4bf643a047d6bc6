/// A rule's message with `{placeholders}` filled from the study and the evidence:
/// any field name (`{design}`, `{sample_size}`), `{match}` and `{excerpt}`.
public struct MessageTemplate: Sendable, Equatable {
    public var text: String

    public static let evidencePlaceholders: Set<String> = ["match", "excerpt"]

    public init(_ text: String) { self.text = text }

    /// Names between braces, for validation when the rule is loaded.
    public var placeholders: [String] {
        var names: [String] = []
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            names.append(String(rest[rest.index(after: open)..<close]))
            rest = rest[rest.index(after: close)...]
        }
        return names
    }

    public func render(study: Study, evidence: Evidence?) -> String {
        var output = text
        for name in placeholders {
            let value: String
            switch name {
            case "match": value = evidence?.match ?? evidence?.excerpt ?? ""
            case "excerpt": value = evidence?.excerpt ?? ""
            default:
                let values = StudyField(rawValue: name).map { study.values(of: $0) } ?? []
                value = values.isEmpty ? "(not stated)" : values.joined(separator: ", ")
            }
            output = output.replacingOccurrences(of: "{\(name)}", with: value)
        }
        return output
    }
}
