import FlagAuditEngine
import FlagAuditModel

/// `--format json`: the object documented in cli.md, plus `why` on each finding and the
/// `evidence` of rules that confirm declared flags.
public struct JSONReporter: Sendable {
    public static let toolName = ToolVersion.name
    /// Which tool, pack and claim model made the output (its `tool` object).
    public var provenance: Provenance

    public init(provenance: Provenance = .toolOnly) { self.provenance = provenance }

    public func render(_ report: AuditReport) -> String {
        JSONValue.object([
            ("tool", provenance.json),
            ("studies", .array(report.studies.map(study))),
            ("summary", .object([
                ("studies", .number(report.studies.count)),
                ("error", .number(report.count(.error))),
                ("warning", .number(report.count(.warning))),
                ("info", .number(report.count(.info))),
            ])),
        ]).serialized() + "\n"
    }

    // The same document written piece by piece, for output that streams study by study.

    public var streamHeader: String {
        "{\n  \"tool\": " + provenance.json.serialized(level: 1) + ",\n  \"studies\": ["
    }

    public static func streamItem(_ study: JSONValue, first: Bool) -> String {
        streamSeparator(first: first) + study.serialized(level: 2)
    }

    /// What goes before a study's serialization (at level 2) in the stream.
    public static func streamSeparator(first: Bool) -> String { first ? "\n    " : ",\n    " }

    public static func streamFooter(studies: Int, count: (Severity) -> Int) -> String {
        (studies == 0 ? "],\n" : "\n  ],\n") + "  \"summary\": " + JSONValue.object([
            ("studies", .number(studies)), ("error", .number(count(.error))),
            ("warning", .number(count(.warning))), ("info", .number(count(.info))),
        ]).serialized(level: 1) + "\n}\n"
    }

    public func study(_ study: StudyReport) -> JSONValue {
        .object([
            ("id", .optional(study.id)),
            ("path", .string(study.path)),
            ("declared_flags", .array(study.declaredFlags.map(JSONValue.string))),
            ("suggested_flags", .array(study.suggestedFlags.map(JSONValue.string))),
            ("missing_flags", .array(study.missingFlags.map(JSONValue.string))),
            ("unsupported_flags", .array(study.unsupportedFlags.map(JSONValue.string))),
            ("findings", .array(study.findings.map(finding))),
            ("evidence", .array(study.evidence.map(finding))),
        ])
    }

    /// `study(_:)` serialized at `level`, written directly (what `check --format json` streams).
    public func serializedStudy(_ study: StudyReport, level: Int) -> String {
        var writer = JSONWriter(level: level)
        writer.beginObject()
        writer.key("id"); writer.string(study.id)
        writer.key("path"); writer.string(study.path)
        writer.key("declared_flags"); writer.strings(study.declaredFlags)
        writer.key("suggested_flags"); writer.strings(study.suggestedFlags)
        writer.key("missing_flags"); writer.strings(study.missingFlags)
        writer.key("unsupported_flags"); writer.strings(study.unsupportedFlags)
        writer.key("findings")
        writer.beginArray()
        // Most evidence is also a finding, written at the same depth: its bytes are copied.
        var written: [Range<Int>] = []
        for finding in study.findings {
            writer.item()
            let start = writer.bytes.count
            write(finding, to: &writer)
            written.append(start..<writer.bytes.count)
        }
        writer.endArray()
        writer.key("evidence")
        writer.beginArray()
        // Looked up among a few findings only, so that an entry with thousands stays linear.
        let searchable = study.findings.count <= 64
        for finding in study.evidence {
            writer.item()
            if searchable, let index = study.findings.firstIndex(of: finding) {
                writer.repeatBytes(written[index])
            } else {
                write(finding, to: &writer)
            }
        }
        writer.endArray()
        writer.endObject()
        return String(decoding: writer.bytes, as: UTF8.self)
    }

    private func write(_ finding: Finding, to writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("rule"); writer.string(finding.rule)
        writer.key("severity"); writer.string(finding.severity.rawValue)
        writer.key("flag"); writer.string(finding.flag)
        writer.key("message"); writer.string(finding.message)
        writer.key("field"); writer.string(finding.field)
        writer.key("line"); writer.number(finding.location.line)
        writer.key("column"); writer.number(finding.location.column)
        writer.key("excerpt"); writer.string(finding.excerpt)
        writer.key("why"); writer.string(finding.why)
        if let counterpart = finding.counterpart {
            writer.key("compared_with"); JSONReporter.counterpart(counterpart).write(to: &writer)
        }
        writer.endObject()
    }

    /// The other side of a comparison finding (`press-exaggerates-study`): the study's sentence.
    static func counterpart(_ counterpart: Counterpart) -> JSONValue {
        .object([
            ("study", .optional(counterpart.study)),
            ("path", .string(counterpart.location.path)),
            ("field", .optional(counterpart.field?.displayName)),
            ("line", .number(counterpart.location.line)),
            ("column", .number(counterpart.location.column)),
            ("excerpt", .string(counterpart.excerpt)),
            ("strength", .string(counterpart.strength)),
        ])
    }

    public func finding(_ finding: Finding) -> JSONValue {
        .object([
            ("rule", .string(finding.rule)),
            ("severity", .string(finding.severity.rawValue)),
            ("flag", .optional(finding.flag)),
            ("message", .string(finding.message)),
            ("field", .optional(finding.field)),
            ("line", .number(finding.location.line)),
            ("column", .number(finding.location.column)),
            ("excerpt", .optional(finding.excerpt)),
            ("why", .optional(finding.why)),
        ] + (finding.counterpart.map { [("compared_with", JSONReporter.counterpart($0))] } ?? []))
    }
}
