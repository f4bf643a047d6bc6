import FlagAuditEngine
import FlagAuditModel

/// `--format sarif`: SARIF 2.1.0, for code-scanning dashboards. Each finding is a result with
/// its rule (metadata in `tool.driver.rules`), level, region and the suggested flag in properties.
public struct SARIFReporter: Sendable {
    public let rules: [RuleDescriptor]
    /// Each rule's place in `tool.driver.rules`, which results cite as `ruleIndex`.
    private let ruleIndex: [String: Int]

    /// The tool's version is the driver's; the rule pack is an extension (SARIF §3.19.3).
    public let provenance: Provenance

    public init(rules: [RuleDescriptor], provenance: Provenance = .toolOnly) {
        self.rules = rules
        self.provenance = provenance
        ruleIndex = Dictionary(rules.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
    }

    static func level(_ severity: Severity) -> String {
        switch severity {
        case .error: "error"
        case .warning: "warning"
        case .info: "note"
        }
    }

    public func render(_ report: AuditReport) -> String {
        // The collected document is the streamed one, so the layout is written once.
        var text = ""
        var stream = StreamingReport(format: .sarif(self)) { text += $0 }
        for study in report.studies { stream.add(study) }
        stream.finish()
        return text
    }

    // The document piece by piece, for output that streams study by study: the header ends
    // inside the results array, each study's results are written at its depth, and the footer
    // closes what the header opened.

    /// Everything before the first result.
    public var header: String {
        let driver = JSONValue.object([
            ("name", .string(JSONReporter.toolName)),
            ("version", .string(ToolVersion.current)),
            ("semanticVersion", .string(ToolVersion.current)),
            ("rules", .array(rules.map(rule))),
        ] + (provenance.claimModel.map { [("properties", .object([("claimModel", .string($0))]))] } ?? []))
        var tool: [(String, JSONValue)] = [("driver", driver)]
        if let pack = provenance.pack {
            var component: [(String, JSONValue)] = [("name", .string(pack.name))]
            if let version = pack.version { component += [("version", .string(version)), ("semanticVersion", .string(version))] }
            tool.append(("extensions", .array([.object(component)])))
        }
        return "{\n  \"$schema\": \"https://json.schemastore.org/sarif-2.1.0.json\",\n  \"version\": \"2.1.0\",\n"
            + "  \"runs\": [\n    {\n      \"tool\": " + JSONValue.object(tool).serialized(level: 3)
            + ",\n      \"columnKind\": \"unicodeCodePoints\",\n      \"results\": ["
    }

    /// One study's results, comma-separated, without what separates them from earlier results
    /// (empty when it has no finding).
    public func renderResults(of study: StudyReport) -> String {
        // Silenced findings are results too, with the suppression and its reason: code scanning
        // shows them as dismissed in the source instead of as never found.
        let results = study.findings.map { result($0, study: study, ruleIndex: ruleIndex[$0.rule]) }
            + study.suppressed.map { result($0.finding, study: study, ruleIndex: ruleIndex[$0.finding.rule], suppression: $0.suppression) }
        return results.map { $0.serialized(level: 4) }.joined(separator: SARIFReporter.separator(first: false))
    }

    /// What goes before a study's results when it has some.
    public static func separator(first: Bool) -> String { first ? "\n        " : ",\n        " }

    public static func footer(results: Int) -> String {
        (results == 0 ? "]" : "\n      ]") + "\n    }\n  ]\n}\n"
    }

    private func rule(_ rule: RuleDescriptor) -> JSONValue {
        var properties: [(String, JSONValue)] = [("builtin", .bool(rule.isBuiltin))]
        if let flag = rule.flag { properties.insert(("flag", .string(flag)), at: 0) }
        if let reference = rule.reference { properties.append(("reference", .string(reference))) }
        return .object([
            ("id", .string(rule.id)),
            ("shortDescription", .object([("text", .string(rule.summary))])),
            ("fullDescription", .object([("text", .string(rule.rationale))])),
            ("help", SARIFReporter.help(rule)),
        ] + (provenance.pack?.documentation.map { [("helpUri", .string("\($0)#\(rule.id)"))] } ?? []) + [
            ("defaultConfiguration", .object([("level", .string(SARIFReporter.level(rule.severity)))])),
            ("properties", .object(properties)),
        ])
    }

    /// What code scanning shows under "Show more": why the rule exists, its reference, and the
    /// entries it fires and does not fire on, as text and as Markdown.
    static func help(_ rule: RuleDescriptor) -> JSONValue {
        var text = rule.rationale, markdown = "**\(MarkdownReporter.inline(rule.summary))**\n\n\(MarkdownReporter.inline(rule.rationale))"
        if let flag = rule.flag {
            text += "\n\nMethod flag: \(flag)."
            markdown += "\n\nMethod flag: `\(flag)`."
        }
        if let reference = rule.reference {
            text += "\n\nReference: \(reference)"
            markdown += "\n\nReference: \(MarkdownReporter.inline(reference))"
        }
        for (title, examples) in [("Fires on", rule.firesOn), ("Does not fire on", rule.doesNotFireOn)] where !examples.isEmpty {
            text += "\n\n\(title):\n" + examples.map { "  - \($0)" }.joined(separator: "\n")
            markdown += "\n\n\(title):\n\n" + examples.map { "- \(MarkdownReporter.code($0))" }.joined(separator: "\n")
        }
        if rule.isBuiltin { text += "\n\nA built-in check of the entry format (docs/entry-format.md)." }
        return .object([("text", .string(text)), ("markdown", .string(markdown))])
    }

    private func result(_ finding: Finding, study: StudyReport, ruleIndex: Int?, suppression: Suppression? = nil) -> JSONValue {
        var region: [(String, JSONValue)] = [
            ("startLine", .number(finding.location.line)),
            ("startColumn", .number(finding.location.column)),
        ]
        if let end = finding.end, end.path == finding.location.path, end > finding.location {
            region += [("endLine", .number(end.line)), ("endColumn", .number(end.column))]
        }
        if let excerpt = finding.excerpt { region.append(("snippet", .object([("text", .string(excerpt))]))) }
        var properties: [(String, JSONValue)] = []
        if let flag = finding.flag { properties.append(("flag", .string(flag))) }
        if let field = finding.field { properties.append(("field", .string(field))) }
        if let id = study.id { properties.append(("study", .string(id))) }
        var fields: [(String, JSONValue)] = [("ruleId", .string(finding.rule))]
        if let ruleIndex { fields.append(("ruleIndex", .number(ruleIndex))) }
        fields += [
            ("level", .string(SARIFReporter.level(finding.severity))),
            ("message", .object([("text", .string(finding.message))])),
            ("locations", .array([.object([
                ("physicalLocation", .object([
                    ("artifactLocation", .object([("uri", .string(SARIFReporter.uri(finding.location.path)))])),
                    ("region", .object(region)),
                ])),
            ])])),
        ]
        if let counterpart = finding.counterpart {
            let related: [(String, JSONValue)] = [
                ("startLine", .number(counterpart.location.line)), ("startColumn", .number(counterpart.location.column)),
                ("snippet", .object([("text", .string(counterpart.excerpt))])),
            ]
            fields.append(("relatedLocations", .array([.object([
                ("id", .number(1)),
                ("physicalLocation", .object([
                    ("artifactLocation", .object([("uri", .string(SARIFReporter.uri(counterpart.location.path)))])),
                    ("region", .object(related)),
                ])),
                ("message", .object([("text", .string("compared with \(counterpart.study.map { "'\($0)'" } ?? "the study"): \(counterpart.strength)"))])),
            ])])))
        }
        if let suppression {
            var item: [(String, JSONValue)] = [("kind", .string("inSource"))]
            if let reason = suppression.reason { item.append(("justification", .string(reason))) }
            item.append(("location", .object([("physicalLocation", SARIFReporter.physical(suppression.location))])))
            fields.append(("suppressions", .array([.object(item)])))
        }
        if let fix = finding.fix, !fix.edits.isEmpty {
            fields.append(("fixes", .array([SARIFReporter.fix(fix)])))
        }
        fields += [
            ("partialFingerprints", .object([("flagauditKey/v1", .string(BaselineKey(finding).fingerprint))])),
            ("properties", .object(properties)),
        ]
        return .object(fields)
    }

    /// What `--fix` would change, as SARIF replacements (regions in the file as audited).
    static func fix(_ fix: Fix) -> JSONValue {
        var byFile: [(String, [Edit])] = []
        for edit in fix.edits.sorted(by: Edit.precedes) {
            if let index = byFile.firstIndex(where: { $0.0 == edit.start.path }) { byFile[index].1.append(edit) } else { byFile.append((edit.start.path, [edit])) }
        }
        return .object([
            ("description", .object([("text", .string(fix.summary))])),
            ("artifactChanges", .array(byFile.map { path, edits in
                .object([
                    ("artifactLocation", .object([("uri", .string(uri(path)))])),
                    ("replacements", .array(edits.map { edit in
                        .object([
                            ("deletedRegion", .object([
                                ("startLine", .number(edit.start.line)), ("startColumn", .number(edit.start.column)),
                                ("endLine", .number(edit.end.line)), ("endColumn", .number(edit.end.column)),
                            ])),
                            ("insertedContent", .object([("text", .string(edit.replacement))])),
                        ])
                    })),
                ])
            })),
        ])
    }

    static func physical(_ location: SourceLocation) -> JSONValue {
        .object([
            ("artifactLocation", .object([("uri", .string(uri(location.path)))])),
            ("region", .object([("startLine", .number(location.line)), ("startColumn", .number(location.column))])),
        ])
    }

    /// A path as a valid URI reference (RFC 3986), as SARIF's `artifactLocation.uri` must be:
    /// every byte of its UTF-8 but the unreserved characters and `/` percent-encoded, so a
    /// space, `%`, `#`, `?`, `:` or a line break in a file name cannot change what it points to.
    static func uri(_ path: String) -> String {
        let hex = Array("0123456789ABCDEF".utf8)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(path.utf8.count)
        // A byte of a name that is not UTF-8 (see `RawPath`) is encoded as itself.
        for byte in RawPath.bytes(path) {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "/"):
                bytes.append(byte)
            default:
                bytes += [UInt8(ascii: "%"), hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]]
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
