import FlagAuditModel
import FlagAuditText
import Foundation

/// Reads a page copied from the atlas (badge line, title, byline, headed sections, run-together
/// tag labels, metadata pairs) into a located entry, tags as published, so its flags can be audited.
struct AtlasPageParser {
    let vocabulary: Vocabulary
    let lexicon: ScreenLexicon

    struct Page {
        var study: Study
        var diagnostics: [Diagnostic]
        /// Method flags as the page spells them.
        var writtenFlags: [String]
    }

    func isAtlasPage(_ raw: RawText) -> Bool {
        guard let first = raw.lines.firstIndex(where: { !$0.trimmedWhitespace.isEmpty }) else { return false }
        let badge = Array(raw.trimmed(first).unicodeScalars)
        guard badge.count > 2, badge[0] == "E", badge[1].properties.numericType != nil else { return false }
        let headings = Set(raw.lines.indices.map(raw.trimmed))
        return lexicon.atlasHeadings.keys.filter(headings.contains).count >= 2
    }

    func parse(_ raw: RawText) -> Page {
        var study = Study(path: raw.path)
        var diagnostics: [Diagnostic] = []
        var writtenFlags: [String] = []
        let nonEmpty = raw.lines.indices.filter { !raw.trimmed($0).isEmpty }
        guard nonEmpty.count >= 2 else { return Page(study: study, diagnostics: diagnostics, writtenFlags: []) }
        readBadge(raw, line: nonEmpty[0], into: &study)
        study[.title] = raw.block(.title, lines: nonEmpty[1]..<(nonEmpty[1] + 1)).map { .text([$0]) }
        var cursor = 2
        if nonEmpty.count > 2, raw.lines[nonEmpty[2]].contains("·") {
            readByline(raw, line: nonEmpty[2], into: &study)
            cursor = 3
        }
        var section: String?
        var pending: [Int] = []
        var metadataLabel: String?
        func flush() {
            guard let name = section, let field = StudyField(name: name), field.isText, !pending.isEmpty else { pending = []; return }
            if case .text(itemized: true) = field.kind {
                study[field] = .text(pending.compactMap { line in
                    let text = raw.lines[line]
                    let dash = text.prefix { $0 == " " }.count
                    return raw.block(field, lines: line..<(line + 1), dropping: text.dropFirst(dash).hasPrefix("- ") ? dash + 2 : 0)
                })
            } else if let first = pending.first, let last = pending.last {
                study[field] = raw.block(field, lines: first..<(last + 1)).map { .text([$0]) }
            }
            pending = []
        }
        for line in nonEmpty.dropFirst(cursor) {
            let text = raw.trimmed(line)
            if let heading = lexicon.atlasHeadings[text] {
                flush()
                section = heading
                continue
            }
            switch section {
            case "tags":
                writtenFlags += readTags(raw, line: line, into: &study, diagnostics: &diagnostics)
            case "metadata":
                let value = text.hasPrefix("- ") ? String(text.dropFirst(2)) : text
                if let label = metadataLabel {
                    if let fieldName = lexicon.atlasMetadata[label], let field = StudyField(name: fieldName) {
                        let column = raw.column(of: value, inLine: line)
                        let location = SourceLocation(path: raw.path, line: line + 1, column: column)
                        setValue(value, field: field, at: location, into: &study)
                    }
                    metadataLabel = nil
                } else {
                    metadataLabel = value
                }
            case nil, "ignore":
                continue
            default:
                pending.append(line)
            }
        }
        flush()
        return Page(study: study, diagnostics: diagnostics, writtenFlags: writtenFlags)
    }

    /// "E3 PreliminaryModerate confidencePEM ?Cross-SectionalPeer-reviewedMachine draft":
    /// known labels of each category, in this order, each optional.
    private func readBadge(_ raw: RawText, line: Int, into study: inout Study) {
        let scalars = Array(raw.lines[line].unicodeScalars)
        var position = scalars.prefix { $0 == " " }.count
        let order: [(StudyField, TermCategory)] = [
            (.evidenceLevel, .evidenceLevels), (.evidenceLevel, .evidenceLevels), (.confidence, .confidenceLevels),
            (.pem, .pemBadges), (.design, .designs), (.source, .sources), (.reviewStatus, .reviewStatuses),
        ]
        for (field, category) in order {
            while position < scalars.count && scalars[position] == " " { position += 1 }
            guard let (slug, length) = longestSpelling(in: scalars, at: position, category: category) else { continue }
            if study.term(field) == nil {
                let location = SourceLocation(path: raw.path, line: line + 1, column: position + 1)
                study[field] = .term(Located(slug, at: location))
                study[keyOf: field] = location
            }
            position += length
        }
    }

    /// The slug and length of the longest spelling of a term of `category` starting at `position`.
    private func longestSpelling(in scalars: [Unicode.Scalar], at position: Int, category: TermCategory) -> (String, Int)? {
        var best: (String, Int)?
        for term in vocabulary.terms(in: category) {
            for spelling in [term.slug, term.label] + term.aliases where spelling.unicodeScalars.count > (best?.1 ?? 0) {
                let candidate = Array(spelling.unicodeScalars)
                guard position + candidate.count <= scalars.count else { continue }
                let written = String(String.UnicodeScalarView(scalars[position..<(position + candidate.count)]))
                if written.lowercased() == spelling.lowercased() { best = (term.slug, candidate.count) }
            }
        }
        return best
    }

    /// "van der Schaaf, Marieke E, Geerligs, Linda, Toni, Ivan et al. · Psychological medicine · 2024 · DOI"
    private func readByline(_ raw: RawText, line: Int, into study: inout Study) {
        let location = SourceLocation(path: raw.path, line: line + 1, column: 1)
        let parts = raw.trimmed(line).components(separatedBy: "·").map { $0.trimmedWhitespace }
        guard let authorsPart = parts.first else { return }
        var names = authorsPart.replacingOccurrences(of: " et al.", with: "").components(separatedBy: ", ")
        var authors: [String] = []
        while names.count >= 2 {
            let family = names.removeFirst(), given = names.removeFirst()
            let initials = given.split(separator: " ").compactMap(\.first).map(String.init).joined()
            authors.append(initials.isEmpty ? family : "\(family) \(initials)")
        }
        if !authors.isEmpty {
            study[.authors] = .list(authors.map { Located($0, at: location) })
            study[keyOf: .authors] = location
        }
        for part in parts.dropFirst() where part != "DOI" {
            if let year = Int(part), (1800...2200).contains(year) {
                study[.year] = .number(Located(year, at: location))
            } else if study.string(.journal) == nil {
                study[.journal] = .string(Located(part, at: location))
            }
        }
    }

    private func readTags(_ raw: RawText, line: Int, into study: inout Study, diagnostics: inout [Diagnostic]) -> [String] {
        let text = raw.lines[line]
        guard let colon = text.firstIndex(of: ":"), let category = lexicon.atlasTags[String(text[..<colon]).trimmedWhitespace] else {
            return []
        }
        let valuesStart = text.unicodeScalars.distance(from: text.unicodeScalars.startIndex, to: colon.samePosition(in: text.unicodeScalars)!) + 1
        let scalars = Array(text.unicodeScalars)
        if category == StudyField.methodFlags.name {
            var written: [String] = []
            var position = valuesStart
            var flags = study.list(.methodFlags) ?? []
            defer { if !flags.isEmpty { study[.methodFlags] = .list(flags) } }
            study[keyOf: .methodFlags] = SourceLocation(path: raw.path, line: line + 1, column: 1)
            while position < scalars.count {
                guard let (slug, length) = longestSpelling(in: scalars, at: position, category: .methodFlags) else {
                    let rest = String(String.UnicodeScalarView(scalars[position...])).trimmedWhitespace
                    if !rest.isEmpty {
                        diagnostics.append(Diagnostic(
                            .unknownTerm, at: SourceLocation(path: raw.path, line: line + 1, column: position + 1),
                            "unknown method flag in '\(rest)'", field: StudyField.methodFlags.displayName, excerpt: rest))
                    }
                    break
                }
                let spelling = String(String.UnicodeScalarView(scalars[position..<(position + length)]))
                let location = SourceLocation(path: raw.path, line: line + 1, column: position + 1)
                if spelling != slug {
                    diagnostics.append(Diagnostic(
                        .nonCanonicalTerm, at: location, "non-canonical method flag '\(spelling)': write '\(slug)'",
                        field: StudyField.methodFlags.displayName, excerpt: spelling))
                }
                flags.append(Located(slug, at: location))
                written.append(spelling)
                position += length
            }
            return written
        }
        // Free tags run together: a capital after a lower-case letter starts the next one.
        var values: [String] = []
        var current = String.UnicodeScalarView()
        for (index, scalar) in scalars[valuesStart...].enumerated() {
            let absolute = valuesStart + index
            if absolute > valuesStart, scalar.properties.isUppercase, scalars[absolute - 1].properties.isLowercase, !current.isEmpty {
                values.append(String(current))
                current = String.UnicodeScalarView()
            }
            current.append(scalar)
        }
        if !String(current).trimmedWhitespace.isEmpty { values.append(String(current)) }
        let location = SourceLocation(path: raw.path, line: line + 1, column: valuesStart + 1)
        study.tags[category] = values.map { Located($0.trimmedWhitespace, at: location) }
        return []
    }

    private func setValue(_ value: String, field: StudyField, at location: SourceLocation, into study: inout Study) {
        study[keyOf: field] = location
        switch field.kind {
        case .term(let category):
            if let slug = vocabulary.resolve(value, in: category).slug { study[field] = .term(Located(slug, at: location)) }
        case .number:
            if let number = Int(value) { study[field] = .number(Located(number, at: location)) }
        default:
            study[field] = .string(Located(value, at: location))
        }
    }
}
