import FlagAuditEngine
import FlagAuditModel
import FlagAuditText
import Foundation

/// Edits an entry file to add missing suggested flags and rewrite non-canonical spellings to
/// slugs, touching only those spans and lines: comments, key order and formatting elsewhere stay
/// byte for byte. Files with errors are left alone, since a fix cannot make them trustworthy.
public struct EntryFixer: Sendable {
    public struct Fix: Sendable {
        public var path: String
        public var original: String
        public var fixed: String
        public var changes: [String]
        /// Why the file was left unchanged, when it was.
        public var skipped: String?

        public var changed: Bool { original != fixed }
    }

    public var vocabulary: Vocabulary

    public init(vocabulary: Vocabulary) { self.vocabulary = vocabulary }

    public func fix(_ report: StudyReport, source: String) -> Fix {
        var fix = Fix(path: report.path, original: source, fixed: source, changes: [], skipped: nil)
        guard let study = report.study else {
            fix.skipped = "the file could not be read as an entry"
            return fix
        }
        if report.findings.contains(where: { $0.severity == .error }) {
            fix.skipped = "it has errors that --fix cannot repair; fix them by hand first"
            return fix
        }
        var lines = EntryLines(source)
        // Right to left, so that earlier columns on a line stay valid after a replacement.
        let spellings = report.findings.filter { $0.rule == BuiltinCheck.nonCanonicalTerm.rawValue }
            .sorted { ($0.location.line, $0.location.column) > ($1.location.line, $1.location.column) }
        for finding in spellings {
            guard let written = finding.excerpt, let slug = slug(for: written, field: finding.field) else { continue }
            if lines.replaceScalar(at: finding.location, expected: written, with: slug) {
                fix.changes.insert("line \(finding.location.line): '\(written)' → '\(slug)'", at: 0)
            }
        }
        if !report.missingFlags.isEmpty {
            switch lines.addFlags(report.missingFlags, study: study) {
            case .success(let line):
                fix.changes.append("line \(line): added \(report.missingFlags.joined(separator: ", ")) to tags.method_flags")
            case .failure(let reason):
                fix.changes.append("not added \(report.missingFlags.joined(separator: ", ")): \(reason.message)")
            }
        }
        fix.fixed = lines.text
        return fix
    }

    private func slug(for written: String, field: String?) -> String? {
        guard let field = StudyField.allCases.first(where: { $0.displayName == field }) else { return nil }
        switch field.kind {
        case .term(let category), .terms(let category): return vocabulary.resolve(written, in: category).slug
        default: return nil
        }
    }
}

/// Why an edit could not be made safely.
public struct FixRefusal: Error, Sendable {
    public var message: String
}

/// An entry's source as lines, edited in place. Columns count Unicode scalars, as locations do.
struct EntryLines {
    private(set) var lines: [String]
    private let newline: String

    init(_ source: String) {
        newline = source.contains("\r\n") ? "\r\n" : "\n"
        lines = source.scalarLines
    }

    var text: String { lines.joined(separator: "\n") }

    /// Replaces the YAML scalar starting at `location` (plain or quoted) if it reads `expected`.
    mutating func replaceScalar(at location: SourceLocation, expected: String, with replacement: String) -> Bool {
        let index = location.line - 1
        guard lines.indices.contains(index) else { return false }
        let scalars = Array(lines[index].unicodeScalars)
        let start = location.column - 1
        guard start < scalars.count else { return false }
        var end = start
        var value: String
        if scalars[start] == "\"" || scalars[start] == "'" {
            let quote = scalars[start]
            end = start + 1
            while end < scalars.count && scalars[end] != quote { end += scalars[end] == "\\" && quote == "\"" ? 2 : 1 }
            guard end < scalars.count else { return false }
            end += 1
            value = String(String.UnicodeScalarView(scalars[(start + 1)..<(end - 1)]))
        } else {
            while end < scalars.count && !",]}".unicodeScalars.contains(scalars[end])
                && !(scalars[end] == "#" && end > 0 && scalars[end - 1] == " ") { end += 1 }
            while end > start && (scalars[end - 1] == " " || scalars[end - 1] == "\t" || scalars[end - 1] == "\r") { end -= 1 }
            value = String(String.UnicodeScalarView(scalars[start..<end]))
        }
        guard value == expected else { return false }
        var edited = String.UnicodeScalarView(scalars[..<start])
        edited.append(contentsOf: replacement.unicodeScalars)
        edited.append(contentsOf: scalars[end...])
        lines[index] = String(edited)
        return true
    }

    /// Adds flags to `tags.method_flags`, in whatever style the list is written. Returns the line edited.
    mutating func addFlags(_ flags: [String], study: Study) -> Result<Int, FixRefusal> {
        if let key = study.keyLocations[.methodFlags] {
            return addToList(flags, keyLine: key.line - 1, keyColumn: key.column - 1)
        }
        if let tags = study.keyLocations[.tags] {
            let index = tags.line - 1
            let rest = EntryLines.valuePart(lines[index], after: tags.column - 1)
            guard rest.isEmpty else { return .failure(FixRefusal(message: "tags is written inline; add the flags by hand")) }
            let parentIndent = EntryLines.indent(lines[index])
            var childIndent = parentIndent + 2
            for line in lines[(index + 1)...] where !EntryLines.isBlankOrComment(line) {
                if EntryLines.indent(line) > parentIndent { childIndent = EntryLines.indent(line) }
                break
            }
            lines.insert(String(repeating: " ", count: childIndent) + "method_flags: [\(flags.joined(separator: ", "))]" + carriageReturn, at: index + 1)
            return .success(index + 2)
        }
        var insertAt = lines.count
        if lines.last == "" { insertAt -= 1 } else { lines[lines.count - 1] += carriageReturn; lines.append("") ; insertAt = lines.count - 1 }
        lines.insert(contentsOf: ["tags:" + carriageReturn, "  method_flags: [\(flags.joined(separator: ", "))]" + carriageReturn], at: insertAt)
        return .success(insertAt + 1)
    }

    private var carriageReturn: String { newline == "\r\n" ? "\r" : "" }

    private mutating func addToList(_ flags: [String], keyLine: Int, keyColumn: Int) -> Result<Int, FixRefusal> {
        let rest = EntryLines.valuePart(lines[keyLine], after: keyColumn)
        let joined = flags.joined(separator: ", ")
        if rest.hasPrefix("[") {
            // Flow list: insert before the closing bracket, wherever it is.
            for index in keyLine..<lines.count {
                var scalars = Array(lines[index].unicodeScalars)
                let from = index == keyLine ? keyColumn : 0
                guard let close = EntryLines.closingBracket(in: scalars, from: from) else { continue }
                let open = index == keyLine ? scalars[from..<close].firstIndex(of: "[") : nil
                let inside = scalars[(open.map { $0 + 1 } ?? 0)..<close]
                let empty = index == keyLine && inside.allSatisfy { $0 == " " }
                var insertion = Array((empty ? joined : ", " + joined).unicodeScalars)
                var at = close
                if empty, let open { scalars.removeSubrange((open + 1)..<close); at = open + 1 } else {
                    while at > 0 && scalars[at - 1] == " " { at -= 1 }
                    if index != keyLine && at == 0 { insertion.removeFirst(2) }
                }
                scalars.insert(contentsOf: insertion, at: at)
                lines[index] = String(String.UnicodeScalarView(scalars))
                return .success(index + 1)
            }
            return .failure(FixRefusal(message: "could not find the end of the method_flags list"))
        }
        let keyIndent = EntryLines.indent(lines[keyLine])
        var last: Int?
        var itemIndent: Int?
        var index = keyLine + 1
        while index < lines.count {
            let line = lines[index]
            if EntryLines.isBlankOrComment(line) { index += 1; continue }
            let indent = EntryLines.indent(line)
            let trimmed = line.drop { $0 == " " }
            if trimmed.hasPrefix("- ") || trimmed == "-" || trimmed == "-\r", indent >= keyIndent, itemIndent == nil || indent == itemIndent {
                itemIndent = indent
                last = index
            } else if let itemIndent, indent > itemIndent {
                last = index
            } else {
                break
            }
            index += 1
        }
        if let last, let itemIndent {
            let items = flags.map { String(repeating: " ", count: itemIndent) + "- " + $0 + carriageReturn }
            lines.insert(contentsOf: items, at: last + 1)
            return .success(last + 2)
        }
        guard rest.isEmpty || rest.hasPrefix("#") || rest == "null" || rest == "~" else {
            return .failure(FixRefusal(message: "method_flags is not a list"))
        }
        // An empty key: write the list inline, before any comment.
        var scalars = Array(lines[keyLine].unicodeScalars)
        if scalars.last == "\r" { scalars.removeLast() }
        var colon = keyColumn
        while colon < scalars.count && scalars[colon] != ":" { colon += 1 }
        var tail = Array(scalars[(colon + 1)...])
        while tail.first == " " { tail.removeFirst() }
        if String(String.UnicodeScalarView(tail)) == "null" || String(String.UnicodeScalarView(tail)) == "~" { tail = [] }
        var edited = String.UnicodeScalarView(scalars[...colon])
        edited.append(contentsOf: " [\(joined)]".unicodeScalars)
        if !tail.isEmpty { edited.append(contentsOf: "  ".unicodeScalars); edited.append(contentsOf: tail) }
        lines[keyLine] = String(edited) + carriageReturn
        return .success(keyLine + 1)
    }

    /// What follows `key:` on a line, without a trailing comment's leading space or a carriage return.
    static func valuePart(_ line: String, after column: Int) -> String {
        let scalars = Array(line.unicodeScalars)
        var colon = column
        while colon < scalars.count && scalars[colon] != ":" { colon += 1 }
        guard colon < scalars.count else { return "" }
        return String(String.UnicodeScalarView(scalars[(colon + 1)...])).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    static func closingBracket(in scalars: [Unicode.Scalar], from start: Int) -> Int? {
        var quote: Unicode.Scalar?
        var index = start
        while index < scalars.count {
            let scalar = scalars[index]
            if let open = quote {
                if scalar == open { quote = nil }
            } else if scalar == "\"" || scalar == "'" {
                quote = scalar
            } else if scalar == "#" && index > 0 && scalars[index - 1] == " " {
                return nil
            } else if scalar == "]" {
                return index
            }
            index += 1
        }
        return nil
    }

    static func indent(_ line: String) -> Int { line.prefix { $0 == " " }.count }

    static func isBlankOrComment(_ line: String) -> Bool {
        let trimmed = line.trimmingCharacters(in: .whitespacesAndNewlines)
        return trimmed.isEmpty || trimmed.hasPrefix("#")
    }
}
