import Foundation
import Testing
@testable import FlagAuditModel
@testable import FlagAuditLoading
@testable import FlagAuditEngine
@testable import FlagAuditReporting

/// The JSON Schemas `flagaudit schema` prints: an editor's YAML extension and an atlas's CI trust
/// them to say what flagaudit says (CI also validates the seeds with a real validator).
@Suite("JSON Schemas of entries and reports")
struct SchemaTests {
    private func object(_ value: JSONValue) -> [String: JSONValue] {
        guard case .object(let fields) = value else { return [:] }
        return Dictionary(fields, uniquingKeysWith: { first, _ in first })
    }

    private var entry: [String: JSONValue] {
        object(EntrySchema.document(vocabulary: Fixtures.pack.vocabulary, packName: "p", packVersion: "1.0.0"))
    }

    @Test func everyKeyOfTheFormatIsAPropertyAndNoOtherIsAllowed() {
        let properties = object(entry["properties"] ?? .null)
        #expect(Set(properties.keys) == Set(StudyField.entryKeys.map(\.name)))
        #expect(entry["additionalProperties"] == .bool(false))
        #expect(entry["required"] == .array([.string("id"), .string("title")]))
    }

    /// Completion offers each slug of the vocabulary; the pattern beside it accepts every other
    /// spelling the loader resolves (case, spaces, underscores aside) and nothing it does not.
    @Test func aTermIsItsSlugOrASpellingTheVocabularyResolves() throws {
        let design = object(object(entry["properties"] ?? .null)["design"] ?? .null)
        guard case .array(let choices) = design["anyOf"] ?? .null, choices.count == 2 else {
            Issue.record("design is not slug-or-spelling"); return
        }
        let slugs = object(choices[0])["enum"]
        #expect(slugs == .array(Fixtures.pack.vocabulary.terms(in: .designs).map { .string($0.slug) }))
        guard case .string(let pattern) = object(choices[1])["pattern"] ?? .null else { Issue.record("no pattern"); return }
        let regex = try NSRegularExpression(pattern: pattern)
        func matches(_ text: String) -> Bool {
            regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
        }
        for spelling in ["RCT", "Randomized Controlled Trial", "randomized_controlled_trial", "Cross Sectional", "case-control"] {
            #expect(Fixtures.pack.vocabulary.resolve(spelling, in: .designs).slug != nil)
            #expect(matches(spelling), "\(spelling)")
        }
        for spelling in ["rtc", "cohortt", "cross"] {
            #expect(Fixtures.pack.vocabulary.resolve(spelling, in: .designs).slug == nil)
            #expect(!matches(spelling), "\(spelling)")
        }
    }

    /// Every key the JSON report writes is in its schema, and the schema requires no key the
    /// report leaves out: a key added to the output without the schema fails here.
    @Test func theReportSchemaHasExactlyTheKeysOfTheReport() throws {
        let schema = object(ReportSchema.document(pack: Fixtures.pack))
        let report = AuditReport(studies: [Fixtures.audit("id: x\ntitle: T\ndesign: cross-sectional\nfindings: CBT led to improved connectivity.\n")])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(JSONReporter(provenance: Provenance(pack: Fixtures.pack)).render(report).utf8)) as? [String: Any])
        func keys(_ schema: [String: JSONValue]) -> Set<String> { Set(object(schema["properties"] ?? .null).keys) }
        #expect(Set(json.keys) == keys(schema))
        let properties = object(schema["properties"] ?? .null)
        let tool = try #require(json["tool"] as? [String: Any])
        #expect(Set(tool.keys) == keys(object(properties["tool"] ?? .null)))
        let studySchema = object(object(properties["studies"] ?? .null)["items"] ?? .null)
        let study = try #require((json["studies"] as? [[String: Any]])?.first)
        #expect(Set(study.keys) == keys(studySchema))
        let finding = try #require((study["findings"] as? [[String: Any]])?.first)
        let findingSchema = object(object(schema["definitions"] ?? .null)["finding"] ?? .null)
        #expect(Set(finding.keys).isSubset(of: keys(findingSchema)))
        guard case .array(let required) = findingSchema["required"] ?? .null else { Issue.record("no required keys"); return }
        #expect(Set(required.compactMap { if case .string(let key) = $0 { key } else { nil } }).isSubset(of: Set(finding.keys)))
    }
}
