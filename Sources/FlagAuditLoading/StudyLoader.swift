import FlagAuditModel
import Foundation

/// The outcome of reading one entry file: the study (possibly partial) and every problem found.
public struct LoadedStudy: Sendable {
    public var path: String
    /// Nil only when the file could not be composed at all.
    public var study: Study?
    public var diagnostics: [Diagnostic]
    /// Where `--fix` writes flags the rules suggest, worked out while the source is at hand.
    /// Kept here, not in `Study`: rules copy studies, and every field is a reference count more.
    public var flagInsertion: FlagInsertion
    /// The bytes the study was read from, kept when fixes are located: `--fix` edits the file
    /// only while it still holds exactly these.
    public var source: [UInt8]? = nil

    public init(
        path: String, study: Study?, diagnostics: [Diagnostic],
        flagInsertion: FlagInsertion = .refused("the file could not be read as an entry")
    ) {
        self.path = path
        self.study = study
        self.diagnostics = diagnostics
        self.flagInsertion = flagInsertion
    }
}

/// Reads study entries (entry.md), validating keys, types and vocabulary while walking the tree once.
public struct StudyLoader: Sendable {
    public var vocabulary: Vocabulary
    public var limits: YAMLLimits
    /// Whether to work out where `--fix` would add flags (`LoadedStudy.flagInsertion`): a
    /// read of the lines around the keys, which an audit that fixes nothing can skip.
    public var locatesFixes: Bool

    public init(vocabulary: Vocabulary, limits: YAMLLimits = .entry, locatesFixes: Bool = true) {
        self.vocabulary = vocabulary
        self.limits = limits
        self.locatesFixes = locatesFixes
    }

    public func load(path: String, bytes: [UInt8]) -> LoadedStudy {
        let document: YAMLDocument
        do {
            document = try YAMLDocument.load(path: path, bytes: bytes, limits: limits)
        } catch {
            return LoadedStudy(path: path, study: nil, diagnostics: error.diagnostics)
        }
        guard let root = document.root else {
            let empty = Diagnostic(
                .schema, at: SourceLocation.start(of: path),
                "empty file: expected a study entry (a mapping with at least id and title)")
            return LoadedStudy(path: path, study: nil, diagnostics: [empty])
        }
        var reader = NodeReader(path: path)
        let lines = SourceLines(document.bytes)
        let study = read(root, document: document, lines: lines, reader: &reader)
        guard let study, locatesFixes else {
            return LoadedStudy(
                path: path, study: study, diagnostics: reader.diagnostics,
                flagInsertion: .refused(study == nil ? "the file could not be read as an entry" : "the audit was not asked for fixes"))
        }
        let insertion = FlagInsertionLocator(lines: lines, path: path)
            .locate(methodFlagsKey: study[keyOf: .methodFlags], tagsKey: study[keyOf: .tags])
        var loaded = LoadedStudy(path: path, study: study, diagnostics: reader.diagnostics, flagInsertion: insertion)
        loaded.source = bytes
        return loaded
    }

    public func load(contentsOf path: String) -> LoadedStudy {
        do {
            let bytes = try FileInput.read(path, limit: limits.maxBytes)
            return load(path: path, bytes: bytes)
        } catch {
            return LoadedStudy(path: path, study: nil, diagnostics: error.diagnostics)
        }
    }

    private static let entryKeys = StudyField.entryKeys.map(\.name)

    /// Reads an entry from a node that sits inside another file (a rule's example).
    package func read(_ root: YAMLNode, document: YAMLDocument, reader: inout NodeReader) -> Study? {
        read(root, document: document, lines: SourceLines(document.bytes), reader: &reader)
    }

    private func read(_ root: YAMLNode, document: YAMLDocument, lines: SourceLines, reader: inout NodeReader) -> Study? {
        var builder = StudyBuilder(vocabulary: vocabulary, lines: lines, study: Study(path: document.path))
        builder.study.origin = reader.location(root)
        guard let pairs = reader.mapping(root, what: "a study entry", allowed: StudyLoader.entryKeys) else {
            return nil
        }
        for (key, keyNode, value) in pairs {
            // `method_flags` is read under `tags`, not at the top level.
            guard let field = StudyField(name: key), field != .methodFlags else { continue }
            builder.study[keyOf: field] = reader.location(keyNode)
            builder.read(field, value, reader: &reader)
        }
        for field in StudyField.required where !reader.diagnostics.contains(where: { $0.field == field.name }) {
            let present = builder.study[field] != nil
            if !present && builder.study[keyOf: field] == nil {
                reader.report(Diagnostic(.missingKey, at: builder.study.origin, "missing required key '\(field.name)'", field: field.name))
            } else if !present {
                reader.report(Diagnostic(.missingKey, at: builder.study[keyOf: field]!, "'\(field.name)' must not be empty", field: field.name))
            }
        }
        return builder.study
    }
}

/// Fills a `Study` field by field; one instance per entry.
private struct StudyBuilder {
    let vocabulary: Vocabulary
    let lines: SourceLines
    var study: Study

    mutating func read(_ field: StudyField, _ node: YAMLNode, reader: inout NodeReader) {
        let name = field.name
        switch field.kind {
        case .string:
            guard let value = reader.string(node, what: name) else { return }
            if let problem = validate(field, value) {
                reader.report(.schema, node, problem, field: name)
                return
            }
            study[field] = .string(Located(value, at: reader.location(node)))
        case .number:
            let range = field == .year ? 1800...2200 : 0...100_000_000
            if let value = reader.integer(node, what: name, range: range) {
                study[field] = .number(Located(value, at: reader.location(node)))
            }
        case .stringList:
            if let items = reader.scalarList(node, what: name) {
                study[field] = .list(items.map { Located($0.value, at: reader.location($0.node)) })
            }
        case .text(let itemized):
            let items = itemized ? reader.stringOrList(node, what: name) : reader.string(node, what: name).map { [($0, node)] }
            guard let items else { return }
            let path = study.path
            study[field] = .text(items.compactMap { item in
                guard case .scalar(let scalar) = item.node else { return nil }
                let anchors = lines.anchors(for: scalar, content: item.value)
                let start = anchors.first.map { SourceLocation(path: path, line: $0.line, column: $0.column) }
                    ?? reader.location(item.node)
                return TextBlock(field: field, text: item.value, start: start, anchors: anchors)
            })
        case .term(let category):
            guard let value = reader.string(node, what: name),
                let slug = resolve(value, vocabulary.resolve(value, in: category), in: category, field: field, node: node, reader: &reader)
            else { return }
            study[field] = .term(Located(slug, at: reader.location(node)))
        case .terms(let category):
            guard let items = reader.scalarList(node, what: name) else { return }
            // A term listed twice is kept once (rules and flag counts see it once) and reported
            // where it repeats, with the edit that removes the repeat (and no respelling of it).
            var first: [String: SourceLocation] = [:]
            var terms: [Located<String>] = []
            for (index, item) in items.enumerated() {
                let location = reader.location(item.node)
                let resolution = vocabulary.resolve(item.value, in: category)
                guard let slug = resolution.slug, let earlier = first[slug] else {
                    if let slug = resolve(item.value, resolution, in: category, field: field, node: item.node, reader: &reader) {
                        first[slug] = location
                        terms.append(Located(slug, at: location))
                    }
                    continue
                }
                var diagnostic = Diagnostic(
                    .duplicateTerm, at: location,
                    "\(category.noun) '\(slug)' is listed twice in \(field.displayName) (first at line \(earlier.line), column \(earlier.column)): remove this one",
                    field: field.displayName, excerpt: item.value, related: [earlier])
                if let scalar = item.node.scalar {
                    diagnostic.fix = removal(of: scalar, after: index > 0 ? items[index - 1].node.scalar : nil, at: location)
                }
                reader.report(diagnostic)
            }
            study[field] = .list(terms)
        case .structure:
            if field == .tags { readTags(node, reader: &reader) } else { readAudit(node, reader: &reader) }
        }
    }

    private func validate(_ field: StudyField, _ value: String) -> String? {
        switch field {
        case .id:
            return StudyReference.isID(value) ? nil : "id \(Diagnostic.quoted(value)) must be lowercase letters, digits and hyphens, starting with a letter or digit"
        case .doi:
            return StudyReference.isDOI(value) ? nil : "doi \(Diagnostic.quoted(value)) must start with '10.' and contain '/'"
        case .reportsOn:
            return StudyReference(value) != nil ? nil
                : "reports_on \(Diagnostic.quoted(value)) must name the study reported on by its entry's id, its DOI (10.…/…) or its PMID (digits)"
        case .pmid:
            return StudyReference.isPMID(value) ? nil : "pmid \(Diagnostic.quoted(value)) must be digits only"
        default:
            return nil
        }
    }

    /// The slug `resolution` gives `value`, reporting a spelling other than the slug (with its
    /// respelling) or an unknown term.
    private func resolve(
        _ value: String, _ resolution: TermResolution, in category: TermCategory, field: StudyField, node: YAMLNode, reader: inout NodeReader
    ) -> String? {
        switch resolution {
        case .canonical(let slug):
            return slug
        case .nonCanonical(let slug):
            var diagnostic = Diagnostic(
                .nonCanonicalTerm, at: reader.location(node),
                "non-canonical \(category.noun) \(Diagnostic.quoted(value)): write '\(slug)'",
                field: field.displayName, excerpt: value)
            if let scalar = node.scalar {
                diagnostic.end = SourceLocation(path: diagnostic.location.path, line: scalar.end.line, column: scalar.end.column)
                diagnostic.fix = respelling(scalar, as: slug, at: diagnostic.location)
            }
            reader.report(diagnostic)
            return slug
        case .unknown(let suggestion):
            var message = "unknown \(category.noun) \(Diagnostic.quoted(value))"
            if let suggestion { message += "; did you mean '\(suggestion)'?" }
            reader.report(Diagnostic(.unknownTerm, at: reader.location(node), message, field: field.displayName, excerpt: value))
            return nil
        }
    }

    /// The edit that writes a one-line plain or quoted scalar as `slug`; block scalars and
    /// values folded over lines are left to the author.
    private func respelling(_ scalar: YAMLNode.Scalar, as slug: String, at start: SourceLocation) -> Fix? {
        guard scalar.style == .plain || scalar.style == .singleQuoted || scalar.style == .doubleQuoted,
            scalar.mark.line == scalar.end.line, scalar.mark.line <= lines.count
        else { return nil }
        let line = lines.scalars(ofLine: scalar.mark.line - 1)
        let from = scalar.mark.column - 1, to = scalar.end.column - 1
        guard from < to, to <= line.count else { return nil }
        let end = SourceLocation(path: start.path, line: scalar.end.line, column: scalar.end.column)
        let original = String(String.UnicodeScalarView(line[from..<to]))
        // The range must hold the value as written (quotes aside): else the lines are not
        // libyaml's, and the edit would land on other text.
        let written = scalar.style == .plain ? original : String(original.dropFirst().dropLast())
        guard written == scalar.string else { return nil }
        return Fix(summary: "'\(scalar.string)' → '\(slug)'", edits: [Edit(start: start, end: end, replacement: slug, original: original)])
    }

    /// The edit that removes a list item written on one line: in a flow list, from the end of
    /// the item before it on the same line (the comma with it); in a block list, from the end
    /// of the line above to the end of its own, when its line holds only `- item` (so a flag
    /// added after the last item, at the end of that line, stays clear of it). Otherwise nil:
    /// the author removes it.
    private func removal(of scalar: YAMLNode.Scalar, after previous: YAMLNode.Scalar?, at start: SourceLocation) -> Fix? {
        let index = scalar.mark.line - 1
        guard scalar.mark.line == scalar.end.line, index < lines.count else { return nil }
        let line = lines.scalars(ofLine: index)
        let from = scalar.mark.column - 1, to = scalar.end.column - 1
        guard from < to, to <= line.count else { return nil }
        let summary = "remove the repeated '\(scalar.string)'"
        let path = start.path
        if let previous, previous.end.line == scalar.mark.line, previous.end.column - 1 < from {
            let gap = line[(previous.end.column - 1)..<from]
            guard gap.filter({ $0 == "," }).count == 1, gap.allSatisfy({ $0 == "," || $0 == " " || $0 == "\t" }) else { return nil }
            let begin = SourceLocation(path: path, line: scalar.mark.line, column: previous.end.column)
            let end = SourceLocation(path: path, line: scalar.end.line, column: scalar.end.column)
            return Fix(summary: summary, edits: [Edit(
                start: begin, end: end, replacement: "", original: String(String.UnicodeScalarView(line[(previous.end.column - 1)..<to])))])
        }
        let lead = line[..<from].filter { $0 != " " }
        guard index > 0, lead == ["-"], line[to...].allSatisfy({ $0 == " " || $0 == "\r" }) else { return nil }
        let above = lines.scalars(ofLine: index - 1).count
        return Fix(summary: summary, edits: [Edit(
            start: SourceLocation(path: path, line: index, column: above + 1), end: SourceLocation(path: path, line: index + 1, column: line.count + 1),
            replacement: "", original: lines.text(fromEndOfLine: index - 1, toEndOfLine: index))])
    }

    private mutating func readTags(_ node: YAMLNode, reader: inout NodeReader) {
        if NodeReader.isNull(node) { return }
        guard let pairs = reader.mapping(node, what: "tags", allowed: nil) else { return }
        for (key, keyNode, value) in pairs {
            if key == StudyField.methodFlags.name {
                study[keyOf: .methodFlags] = reader.location(keyNode)
                read(.methodFlags, value, reader: &reader)
            } else if let items = reader.scalarList(value, what: "tags.\(key)") {
                study.tags[key] = items.map { Located($0.value, at: reader.location($0.node)) }
            }
        }
    }

    private mutating func readAudit(_ node: YAMLNode, reader: inout NodeReader) {
        if NodeReader.isNull(node) { return }
        guard let pairs = reader.mapping(node, what: "audit", allowed: ["ignore"]) else { return }
        for (_, _, value) in pairs {
            if NodeReader.isNull(value) { continue }
            guard case .sequence(let items) = value else {
                reader.report(.schema, value, "audit.ignore must be a list of {rule, reason}, found \(NodeReader.describe(value))")
                continue
            }
            for item in items {
                guard let fields = reader.mapping(item, what: "an audit.ignore item", allowed: ["rule", "reason"]) else { continue }
                var rule: String?, reason: String?
                for (key, _, value) in fields {
                    if key == "rule" { rule = reader.string(value, what: "audit.ignore rule") }
                    if key == "reason" { reason = reader.string(value, what: "audit.ignore reason") }
                }
                guard let rule else {
                    reader.report(.invalidSuppression, item, "audit.ignore item needs 'rule': the id of the rule to silence")
                    continue
                }
                let trimmed = reason?.trimmedWhitespace
                study.suppressions.append(Suppression(
                    rule: rule, reason: trimmed?.isEmpty == false ? trimmed : nil, location: reader.location(item)))
            }
        }
    }
}
