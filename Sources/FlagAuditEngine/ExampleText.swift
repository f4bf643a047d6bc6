import FlagAuditModel

/// An example entry as one line of flow YAML, for `rules explain` and SARIF's rule help.
public enum ExampleText {
    /// `origin`: end with where the example is written in the pack.
    public static func describe(_ study: Study, origin: Bool = true) -> String {
        var parts: [String] = []
        for field in StudyField.allCases {
            if let blocks = study.texts(field) {
                parts.append("\(field.displayName): \"\(blocks.map(\.text).joined(separator: " "))\"")
            } else if !study.values(of: field).isEmpty {
                let values = study.values(of: field)
                let list = field.kind == .stringList || { if case .terms = field.kind { return true }; return false }()
                parts.append("\(field.displayName): " + (list ? "[\(values.joined(separator: ", "))]" : values[0]))
            }
        }
        return "{" + parts.joined(separator: ", ") + "}" + (origin ? "  (\(study.origin))" : "")
    }
}
