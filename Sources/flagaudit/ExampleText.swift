import FlagAudit

/// An example entry as one line of flow YAML, for `rules explain`.
enum ExampleText {
    static func describe(_ study: Study) -> String {
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
        return "{" + parts.joined(separator: ", ") + "}  (\(study.origin))"
    }
}
