import Testing
import FlagAudit
@testable import FlagAuditModel
@testable import FlagAuditLearning
@testable import FlagAuditLoading
@testable import FlagAuditText
@testable import FlagAuditEngine
@testable import FlagAuditEvaluation
@testable import FlagAuditScreening
@testable import FlagAuditReporting
@testable import FlagAuditWorkflow

/// The seeds pin what the default pack must conclude from real atlas pages, a review and press articles.
@Suite("Auditing the seeds")
struct SeedAuditTests {
    static func audit(_ name: String) -> StudyReport {
        Fixtures.auditor.audit(Fixtures.auditor.loader.load(contentsOf: Fixtures.seedsDirectory + "/" + name))
    }

    @Test func atlasReviewPageInconsistenciesAreErrors() {
        let report = SeedAuditTests.audit("twisk-2009-cbt-get-review.yaml")
        let errors = Set(report.findings.filter { $0.severity == .error }.map(\.rule))
        #expect(errors == ["pem-flags-contradict", "pem-badge-contradicts-flag", "evidence-level-design"])
        let nonCanonical = report.findings.filter { $0.rule == "non-canonical-term" }
        #expect(nonCanonical.contains { $0.excerpt == "PEM_DEFINED" && $0.message.contains("write 'pem-defined'") })
        #expect(report.unsupportedFlags == ["pem-defined"])
    }

    @Test func connectivityStudyCausalLanguageComesFromFindingsNotLimitations() throws {
        let report = SeedAuditTests.audit("vanderschaaf-2024-rsfc.yaml")
        #expect(report.suggestedFlags == ["pem-not-defined", "weak-case-definition", "causal-language"])
        #expect(report.missingFlags == ["causal-language"])
        #expect(report.unsupportedFlags == ["exploratory-only"])
        let causal = report.findings.filter { $0.flag == "causal-language" }
        #expect(causal.count == 1)
        let finding = try #require(causal.first)
        #expect(finding.field == "findings")
        #expect(finding.excerpt?.hasPrefix("CBT led to improved connectivity") == true)
        #expect(finding.message.contains("('led to')"))
        #expect(!report.findings.contains { $0.field == "limitations" })
    }

    @Test func fibromyalgiaPressArticle() {
        let report = SeedAuditTests.audit("news-mair-fibromyalgia.yaml")
        #expect(report.suggestedFlags.contains("small-sample"))
        #expect(report.suggestedFlags.contains("secondary-source"))
        #expect(report.findings.contains { $0.rule == "small-sample-primary" && $0.message.contains("41") })
    }

    @Test func systematicReviewGetsSmallSampleFromItsDescriptionOfIncludedStudies() {
        let report = SeedAuditTests.audit("kregel-2017-conservative-treatment-brain.yaml")
        #expect(report.suggestedFlags == ["small-sample"])
        #expect(report.findings.isEmpty)
    }

    @Test func everySeedLoadsWithoutSchemaErrors() async {
        let files = EntryDiscovery().files(under: [Fixtures.seedsDirectory]).files
        #expect(files.count == 7)
        let report = await Fixtures.auditor.audit(files: files)
        let schema: Set<String> = ["yaml-syntax", "schema", "missing-required-key", "unknown-term", "input-limit"]
        #expect(report.studies.allSatisfy { $0.findings.allSatisfy { !schema.contains($0.rule) } })
        #expect(report.fails(at: .error))
    }
}
