import FlagAuditModel
import FlagAuditText

/// Writes a screened text as a draft entry in the entry format (`review_status: machine-draft`),
/// which `flagaudit check` accepts. Terms are written as slugs, except an atlas page's method
/// flags, which keep the page's spelling so that the audit sees what readers see.
public struct EntryWriter: Sendable {
    public var vocabulary: Vocabulary

    public init(vocabulary: Vocabulary) { self.vocabulary = vocabulary }

    public func yaml(for result: Screener.Result) -> String {
        let study = result.study
        var out = "# Draft entry written by `flagaudit screen --emit-entry` from \(result.report.path) (\(result.extraction.kind.rawValue)).\n"
        out += "# Check every field against the source before changing review_status.\n"
        if let verdict = result.cannotJudge {
            // The draft says it was not judged, so no one reads its empty flags as a clean study.
            out += "# Cannot judge: \(verdict.message.split(whereSeparator: \.isNewline).joined(separator: " "))\n"
        }
        func scalar(_ key: StudyField, _ value: String?) { if let value { out += "\(key.name): \(EntryWriter.quote(value))\n" } }
        scalar(.id, study.id)
        scalar(.title, study.texts(.title)?.first?.text ?? study.id)
        if let authors = study.list(.authors), !authors.isEmpty {
            out += "authors: [" + authors.map { EntryWriter.quote($0.value) }.joined(separator: ", ") + "]\n"
        }
        scalar(.journal, study.string(.journal)?.value)
        if let year = study.number(.year)?.value { out += "year: \(year)\n" }
        scalar(.doi, study.string(.doi)?.value)
        scalar(.pmid, study.string(.pmid)?.value)
        scalar(.source, study.term(.source)?.value)
        out += "review_status: machine-draft\n"
        scalar(.evidenceLevel, study.term(.evidenceLevel)?.value)
        scalar(.confidence, study.term(.confidence)?.value)
        scalar(.design, study.term(.design)?.value)
        for field in [StudyField.population, .caseDefinition] {
            let values = study.list(field)?.map(\.value) ?? []
            out += "\(field.name): [\(values.joined(separator: ", "))]\n"
        }
        scalar(.pem, study.term(.pem)?.value)
        if let size = study.number(.sampleSize)?.value ?? result.extraction.sampleSize { out += "sample_size: \(size)\n" }
        for field in [StudyField.summary, .whyItMatters, .findings, .conclusions, .limitations, .text] {
            guard let blocks = study.texts(field), !blocks.isEmpty else { continue }
            if case .text(itemized: true) = field.kind {
                out += "\(field.name):\n" + blocks.map { "  - \(EntryWriter.quote($0.text))\n" }.joined()
            } else {
                out += "\(field.name): " + EntryWriter.block(blocks.map(\.text).joined(separator: "\n\n"))
            }
        }
        let flags = result.writtenFlags.isEmpty ? study.declaredFlags.map(\.value) : result.writtenFlags
        if !flags.isEmpty || !study.tags.isEmpty {
            out += "tags:\n"
            for (category, values) in study.tags.sorted(by: { $0.key < $1.key }) {
                out += "  \(category): [" + values.map { EntryWriter.quote($0.value) }.joined(separator: ", ") + "]\n"
            }
            if !flags.isEmpty { out += "  method_flags: [" + flags.map(EntryWriter.quote).joined(separator: ", ") + "]\n" }
        }
        return out
    }

    /// A double-quoted YAML scalar when plain would be ambiguous, else plain.
    static func quote(_ text: String) -> String {
        let plainSafe = !text.isEmpty && text.unicodeScalars.allSatisfy { $0.properties.isAlphabetic || $0.properties.numericType != nil || " -./()'".unicodeScalars.contains($0) }
            && !text.hasPrefix("-") && !text.hasPrefix(" ") && !text.hasSuffix(" ")
            && !["true", "false", "null", "yes", "no", "on", "off", "~"].contains(text.lowercased()) && Double(text) == nil
        if plainSafe { return text }
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            // Written raw, libyaml would fold these line breaks into a space.
            case "\u{85}": out += "\\N"
            case "\u{2028}": out += "\\L"
            case "\u{2029}": out += "\\P"
            case _ where !EntryWriter.printable(scalar):
                let hex = String(scalar.value, radix: 16)
                out += scalar.value < 0x100 ? "\\x" + String(repeating: "0", count: 2 - hex.count) + hex
                    : "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    /// YAML's printable set: what a stream may hold unescaped (tab and line feed aside, which
    /// each style treats as its own).
    static func printable(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x20...0x7E, 0x85, 0xA0...0xD7FF, 0xE000...0xFFFD, 0x10000...: true
        default: false
        }
    }

    /// A literal block scalar: the text exactly, each line indented. A text holding a line
    /// break other than LF (libyaml ends a block line at CR, NEL, U+2028 and U+2029 too, and
    /// the next line would lack the indentation) or a character YAML cannot hold raw is
    /// double-quoted with escapes instead.
    static func block(_ text: String) -> String {
        let lines = text.scalarLines.map { $0.hasSuffix("\r") ? String($0.dropLast()) : $0 }
        let literal = lines.allSatisfy { line in
            line.unicodeScalars.allSatisfy { $0 == "\t" || (printable($0) && !Whitespace.isYAMLLineBreak($0)) }
        }
        guard literal else { return quote(text) + "\n" }
        return "|-\n" + lines.map { $0.isEmpty ? "\n" : "  \($0)\n" }.joined()
    }
}
