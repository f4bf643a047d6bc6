import FlagAuditEngine
import FlagAuditLoading
import FlagAuditModel
import FlagAuditText

/// Applies the fixes an audit's findings carry to the entry's source, touching only their
/// ranges: comments, key order and formatting elsewhere stay byte for byte. Files with errors
/// are left alone, since a fix cannot make them trustworthy.
public struct EntryFixer: Sendable {
    public struct Result: Sendable {
        public var path: String
        public var original: String
        public var fixed: String
        /// One line per fix applied or refused ("line 4: 'Cohort' → 'cohort'").
        public var changes: [String]
        /// Why the file was left unchanged, when it was.
        public var skipped: String?

        public var changed: Bool { original != fixed }
    }

    /// Reads the fixed text back: a fix is kept only if the entry then reads as before, plus
    /// the flags it adds and with slugs for the spellings it rewrites.
    public let loader: StudyLoader

    public init(vocabulary: Vocabulary) { loader = StudyLoader(vocabulary: vocabulary, locatesFixes: false) }

    /// `source`: the file's text as it is now. An edit whose range no longer reads what the
    /// audit saw is refused, not applied somewhere else.
    public func fix(_ report: StudyReport, source: String) -> Result {
        var result = Result(path: report.path, original: source, fixed: source, changes: [], skipped: nil)
        guard let study = report.study else {
            result.skipped = "the file could not be read as an entry"
            return result
        }
        if report.findings.contains(where: { $0.severity == .error }) {
            result.skipped = "it has errors that --fix cannot repair; fix them by hand first"
            return result
        }
        // Several findings share one fix (every finding of a missing flag carries the addition).
        var fixes: [Fix] = []
        for fix in report.findings.compactMap(\.fix) where !fixes.contains(fix) { fixes.append(fix) }
        // Edits count lines and columns without a byte order mark, as the loader does; it is kept.
        let mark = source.unicodeScalars.first == "\u{FEFF}" ? "\u{FEFF}" : ""
        var text = EditableText(String(source.unicodeScalars.dropFirst(mark.isEmpty ? 0 : 1)))
        var accepted: [(fix: Fix, line: Int)] = []
        var taken: [Edit] = []
        for fix in fixes.sorted(by: { EntryFixer.precedes($0.edits.first, $1.edits.first) }) {
            guard !fix.edits.contains(where: { edit in taken.contains { $0.overlaps(edit) } }),
                fix.edits.allSatisfy({ text.reads($0.original, from: $0.start, to: $0.end) })
            else {
                result.changes.append("not changed: \(fix.summary): the file no longer reads as it did when audited")
                continue
            }
            taken += fix.edits
            accepted.append((fix, fix.edits.first.map(EntryFixer.firstChangedLine) ?? 0))
        }
        // Right to left, so that positions before an edit stay valid after it.
        for edit in taken.sorted(by: { Edit.precedes($1, $0) }) { text.apply(edit) }
        result.changes = accepted.map { "line \($0.line): \($0.fix.summary)" } + result.changes
        if !report.missingFlags.isEmpty, let reason = report.flagRefusal {
            result.changes.append("not added \(report.missingFlags.joined(separator: ", ")): \(reason)")
        }
        result.fixed = mark + text.text
        if result.changed, let problem = revalidate(result.fixed, as: study, adding: added(by: accepted.map(\.fix), report)) {
            result.fixed = source
            result.changes = ["not changed: \(problem); fix it by hand"]
        }
        return result
    }

    /// The flags a set of fixes adds: the report's missing flags, when the fix their findings
    /// carry is among them.
    private func added(by fixes: [Fix], _ report: StudyReport) -> [String] {
        let addition = report.findings.first { $0.flag.map(report.missingFlags.contains) == true }?.fix
        return addition.map(fixes.contains) == true ? report.missingFlags : []
    }

    /// Why the fixed text is not the audited entry with `added` flags (and slugs for its
    /// spellings), or nil when it is: an edit that landed elsewhere, or left YAML that no longer
    /// parses, is caught here before anything is written.
    private func revalidate(_ fixed: String, as before: Study, adding added: [String]) -> String? {
        let after = loader.load(path: before.path, bytes: Array(fixed.utf8))
        guard let study = after.study else {
            return "the fixed file would not read as an entry (\(after.diagnostics.first?.message ?? "unreadable"))"
        }
        if let error = after.diagnostics.first(where: { $0.severity == .error }) {
            return "the fixed file would not be valid (\(error.message))"
        }
        for field in StudyField.allCases where field != .methodFlags {
            if study.values(of: field) != before.values(of: field) || study.texts(field)?.map(\.text) != before.texts(field)?.map(\.text) {
                return "the fixed file would differ from the audited entry in \(field.displayName)"
            }
        }
        if study.tags.mapValues({ $0.map(\.value) }) != before.tags.mapValues({ $0.map(\.value) }) {
            return "the fixed file would differ from the audited entry in its tags"
        }
        if study.declaredFlags.map(\.value) != before.declaredFlags.map(\.value) + added {
            return "the flags would not land in tags.method_flags as meant"
        }
        return nil
    }

    /// The line an editor sees change: an edit that starts by breaking its line changes the next.
    static func firstChangedLine(_ edit: Edit) -> Int {
        edit.replacement.hasPrefix("\n") || edit.replacement.hasPrefix("\r\n") ? edit.start.line + 1 : edit.start.line
    }

    /// Source order of two fixes' first edits; a fix without edits comes first.
    static func precedes(_ a: Edit?, _ b: Edit?) -> Bool {
        guard let a, let b else { return b != nil }
        return Edit.precedes(a, b)
    }
}

/// A file's text by Unicode scalar with where each line starts: edits address lines and columns,
/// which count lines as libyaml does (`Whitespace.isYAMLLineBreak`; every break is one scalar,
/// and a CR before an LF stays on its line).
struct EditableText {
    private var scalars: [Unicode.Scalar]
    private let lineStarts: [Int]

    init(_ source: String) {
        scalars = Array(source.unicodeScalars)
        var starts = [0]
        for (index, scalar) in scalars.enumerated() where Whitespace.isYAMLLineBreak(scalar) {
            // CR LF is one break, after the LF.
            if scalar == "\r" && index + 1 < scalars.count && scalars[index + 1] == "\n" { continue }
            starts.append(index + 1)
        }
        lineStarts = starts
    }

    var text: String { String(String.UnicodeScalarView(scalars)) }

    /// The offset of a line and column, if it is on the line or just past its end.
    private func offset(_ location: SourceLocation) -> Int? {
        let line = location.line - 1
        guard lineStarts.indices.contains(line), location.column >= 1 else { return nil }
        let lineEnd = line + 1 < lineStarts.count ? lineStarts[line + 1] - 1 : scalars.count
        let offset = lineStarts[line] + location.column - 1
        return offset <= lineEnd ? offset : nil
    }

    func reads(_ expected: String, from start: SourceLocation, to end: SourceLocation) -> Bool {
        guard let from = offset(start), let to = offset(end), from <= to else { return false }
        return scalars[from..<to].elementsEqual(expected.unicodeScalars)
    }

    /// Applies one edit; positions refer to the text before any edit at or after them.
    mutating func apply(_ edit: Edit) {
        guard let from = offset(edit.start), let to = offset(edit.end), from <= to else { return }
        scalars.replaceSubrange(from..<to, with: edit.replacement.unicodeScalars)
    }
}
