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

@Suite("The rule pack")
struct RulePackTests {
    @Test func everyRuleOfTheDefaultPackPassesItsExamples() {
        let result = ExampleRunner(pack: Fixtures.pack).run()
        #expect(result.failures.map(\.description) == [])
        #expect(result.checked > 2 * Fixtures.pack.rules.count)
    }

    @Test func rulesAskingForAnalysesOnDemandFindWhatAFullAnalysisFinds() async throws {
        // check works claims and signals out only when a rule asks; screen computes them all.
        let auditor = Fixtures.auditor
        var studies = Fixtures.pack.rules.flatMap { $0.examples.triggering.map(\.study) + $0.examples.nonTriggering.map(\.study) }
        for file in EntryDiscovery().files(under: [Fixtures.seedsDirectory]).files {
            studies.append(try #require(auditor.loader.load(contentsOf: file).study))
        }
        #expect(studies.count > 100)
        for study in studies {
            var lazy = auditor.analyze(study, complete: false)
            var complete = auditor.analyze(study)
            let onDemand = auditor.matches(in: &lazy).map { "\($0.rule.id) \($0.evidence)" }
            #expect(onDemand == auditor.matches(in: &complete).map { "\($0.rule.id) \($0.evidence)" }, "\(study.origin)")
        }
    }

    @Test func messagesFillPlaceholdersOnce() {
        let template = MessageTemplate("Claim ('{match}') in a {design} study {unclosed")
        #expect(template.placeholders == ["match", "design"])
        var study = Study(path: "x.yaml")
        study[.design] = .term(Located("cohort", at: study.origin))
        let evidence = Evidence(field: .summary, location: study.origin, excerpt: "x", match: "{design} causes", isText: true)
        // A value that contains braces is shown as written, not expanded again.
        #expect(template.render(study: study, evidence: evidence) == "Claim ('{design} causes') in a cohort study {unclosed")
    }

    @Test func everyRuleHasBothKindsOfExampleAndExplainsItself() {
        for rule in Fixtures.pack.rules {
            #expect(!rule.examples.triggering.isEmpty, "\(rule.id) has no triggering example")
            #expect(!rule.examples.nonTriggering.isEmpty, "\(rule.id) has no non-triggering example")
            #expect(!rule.rationale.isEmpty && !rule.summary.isEmpty, "\(rule.id)")
        }
    }

    @Test func everyFlagOfTheVocabularyIsSupportedBySomeRule() {
        let supported = Set(Fixtures.pack.rules.compactMap(\.flag))
        for flag in Fixtures.pack.vocabulary.terms(in: .methodFlags) {
            #expect(supported.contains(flag.slug), "no rule suggests \(flag.slug)")
        }
    }

    /// A slug is written into HTML attributes, SARIF and baselines: one that is not letters,
    /// digits and hyphens is refused where it is written (#21 item 18).
    @Test func aSlugWithMarkupIsRefusedWhereItIsWritten() throws {
        let text = try String(contentsOfFile: Fixtures.rulesDirectory + "/vocabulary.yaml", encoding: .utf8)
        #expect(throws: Never.self) {
            try VocabularyLoader().load(YAMLDocument.load(path: "vocabulary.yaml", bytes: Array(text.utf8), limits: .rulePack))
        }
        for slug in [#"x\"><img src=x onerror=alert(1)>"#, "small sample", "small--sample", "-small", "small-", "smäll"] {
            let bad = text.replacingOccurrences(of: "slug: small-sample", with: "slug: '\(slug.replacingOccurrences(of: "'", with: "''"))'")
            let line = text.prefix { $0 != "\u{0}" }.components(separatedBy: "\n").firstIndex { $0.contains("slug: small-sample") }! + 1
            let error = #expect(throws: DiagnosticError.self) {
                try VocabularyLoader().load(YAMLDocument.load(path: "vocabulary.yaml", bytes: Array(bad.utf8), limits: .rulePack))
            }
            let diagnostic = error?.diagnostics.first { $0.message.contains("must be letters and digits") }
            #expect(diagnostic?.location.line == line, "\(slug): \(error?.diagnostics.map(\.message) ?? [])")
        }
    }

    /// A copy of the default pack with one extra rule file.
    static func packWith(_ ruleFile: String) throws -> (directory: String, result: Result<RulePack, DiagnosticError>) {
        var files: [String: [UInt8]] = [:]
        for name in ["vocabulary.yaml", "lexicon.yaml"] {
            files[name] = try FileInput.read(Fixtures.rulesDirectory + "/" + name, limit: 1 << 22)
        }
        files["custom.yaml"] = Array(ruleFile.utf8)
        let directory = try Fixtures.directory(files)
        do throws(DiagnosticError) {
            return (directory, .success(try RulePackLoader(claimModel: .lexicon).load(directory: directory)))
        } catch {
            return (directory, .failure(error))
        }
    }

    static let validRule = """
        rules:
          - id: custom
            severity: warning
            flag: small-sample
            summary: S
            message: "M {sample_size}"
            rationale: R
            when:
              sample_size: {below: 10}
            examples:
              triggering: [{sample_size: 5}]
              non_triggering: [{sample_size: 50}]
        """

    @Test func aUserRuleLoadsAndRuns() throws {
        let (directory, result) = try RulePackTests.packWith(RulePackTests.validRule)
        defer { Fixtures.remove(directory) }
        let pack = try result.get()
        #expect(pack.rules.map(\.id) == ["custom"])
        #expect(ExampleRunner(pack: pack).run().failures.isEmpty)
    }

    @Test(arguments: [
        ("    flg: small-sample\n", "unknown key 'flg' in a rule; did you mean 'flag'?", 3),
        ("    flag: small-sampel\n", "unknown method flag 'small-sampel'; did you mean 'small-sample'?", 3),
    ])
    func brokenRuleFilesAreLocated(insert: String, message: String, line: Int) throws {
        let broken = RulePackTests.validRule.replacingOccurrences(of: "    flag: small-sample\n", with: insert)
        let (directory, result) = try RulePackTests.packWith(broken)
        defer { Fixtures.remove(directory) }
        guard case .failure(let error) = result else { Issue.record("loaded a broken pack"); return }
        #expect(error.diagnostics.map(\.message) == [message])
        #expect(error.diagnostics.first?.location.line == line + 1)
        #expect(error.diagnostics.first?.location.path.hasSuffix("custom.yaml") == true)
    }

    @Test func badRegexAndUnknownTermsAndPlaceholdersAreLocated() throws {
        let broken = RulePackTests.validRule
            .replacingOccurrences(of: "      sample_size: {below: 10}", with: """
                      design: [rtc]
                      text:
                        patterns: ['(unclosed']
                """)
            .replacingOccurrences(of: "M {sample_size}", with: "M {sampel_size}")
        let (directory, result) = try RulePackTests.packWith(broken)
        defer { Fixtures.remove(directory) }
        guard case .failure(let error) = result else { Issue.record("loaded a broken pack"); return }
        let messages = error.diagnostics.map(\.message)
        #expect(messages.contains("unknown placeholder '{sampel_size}' in message"))
        #expect(messages.contains("unknown design 'rtc'; did you mean 'rct'?"))
        #expect(messages.contains("invalid regular expression '(unclosed'"))
    }

    @Test func exampleThatDoesNotFireIsReportedWithItsLocation() throws {
        let broken = RulePackTests.validRule.replacingOccurrences(of: "triggering: [{sample_size: 5}]", with: "triggering: [{sample_size: 15}]")
        let (directory, result) = try RulePackTests.packWith(broken)
        defer { Fixtures.remove(directory) }
        let failures = ExampleRunner(pack: try result.get()).run().failures
        #expect(failures.count == 1)
        #expect(failures.first?.location.line == 11)
        #expect(failures.first?.expectedToFire == true)
    }

    /// A rule on a design and a text claim whose example states where its finding lands.
    static func landingRule(expect: String, at: String = "") -> String {
        """
        rules:
          - id: custom
            severity: warning
            summary: S
            message: "Claim '{match}'"
            rationale: R\(at)
            when:
              design: cohort
              text: {fields: [summary, findings], claim: direct-causal}
            examples:
              triggering:
                - {design: cohort, findings: ["Sleep loss causes fatigue."], expect: \(expect)}
              non_triggering: [{design: cohort}]
        """
    }

    func landingFailures(_ rule: String) throws -> [ExampleRunner.Failure] {
        let (directory, result) = try RulePackTests.packWith(rule)
        defer { Fixtures.remove(directory) }
        return ExampleRunner(pack: try result.get()).run().failures
    }

    @Test func anExampleWhoseFindingLandsElsewhereFails() throws {
        #expect(try landingFailures(RulePackTests.landingRule(expect: "{at: findings, match: causes, message: \"Claim 'causes'\", count: 1}")).isEmpty)
        let elsewhere = try landingFailures(RulePackTests.landingRule(expect: "{at: summary, match: causes}"))
        // Reported where the example's `expect:` is written.
        #expect(elsewhere.map(\.description) == elsewhere.map {
            "\($0.location.path):12:78: error: rule 'custom' expected a finding in summary on 'causes' on its triggering example, found in findings on 'causes'"
        })
        #expect(elsewhere.first?.location.path.hasSuffix("/custom.yaml") == true)
        let words = try landingFailures(RulePackTests.landingRule(expect: "{at: findings, match: leads to}"))
        #expect(words.first?.kind == .landedElsewhere(expected: "a finding in findings on 'leads to'", found: "in findings on 'causes'"))
        let message = try landingFailures(RulePackTests.landingRule(expect: "{message: Claim}"))
        #expect(message.first?.kind == .landedElsewhere(expected: "a finding saying \"Claim\"", found: "in findings on 'causes' saying \"Claim 'causes'\""))
        let count = try landingFailures(RulePackTests.landingRule(expect: "{count: 2}"))
        #expect(count.first?.kind == .landedElsewhere(expected: "2 findings", found: "1"))
    }

    @Test func whereAFieldFindingLandsDoesNotDependOnKeyOrder() throws {
        func landing(_ when: String, at: String = "") throws -> String? {
            let rule = RulePackTests.validRule
                .replacingOccurrences(of: "      sample_size: {below: 10}", with: when)
                .replacingOccurrences(of: "    rationale: R", with: "    rationale: R" + at)
            let (directory, result) = try RulePackTests.packWith(rule)
            defer { Fixtures.remove(directory) }
            let report = Auditor(pack: try result.get()).audit(Fixtures.load("id: x\ntitle: T\ndesign: rct\nsample_size: 5\n"))
            return report.findings.first { $0.rule == "custom" }?.field
        }
        let sizeFirst = "      sample_size: {below: 10}\n      design: rct", designFirst = "      design: rct\n      sample_size: {below: 10}"
        // Without `at:`, the earlier field of the entry format (design comes before sample_size).
        #expect(try landing(sizeFirst) == "design")
        #expect(try landing(designFirst) == "design")
        #expect(try landing(sizeFirst, at: "\n    at: sample_size") == "sample_size")
        #expect(try landing(designFirst, at: "\n    at: sample_size") == "sample_size")
    }

    @Test func expectationsAndPlacementAreValidated() throws {
        let typo = try RulePackTests.packWith(RulePackTests.landingRule(expect: "{at: findngs}", at: "\n    at: [desing]"))
        defer { Fixtures.remove(typo.directory) }
        guard case .failure(let error) = typo.result else { Issue.record("loaded a misspelt placement"); return }
        #expect(error.diagnostics.map(\.message) == [
            "unknown field 'findngs' in 'at'; did you mean 'findings'?", "unknown field 'desing' in 'at'; did you mean 'design'?",
        ])
        let untested = try RulePackTests.packWith(RulePackTests.landingRule(expect: "{count: 1}", at: "\n    at: sample_size"))
        defer { Fixtures.remove(untested.directory) }
        guard case .failure(let error) = untested.result else { Issue.record("loaded an 'at' the rule does not test"); return }
        #expect(error.diagnostics.map(\.message) == [
            "'at: sample_size' names a field the rule's 'when' does not test; its findings could never land there",
        ])
        let misplaced = try RulePackTests.packWith(RulePackTests.validRule.replacingOccurrences(
            of: "non_triggering: [{sample_size: 50}]", with: "non_triggering: [{sample_size: 50, expect: {count: 0}}]"))
        defer { Fixtures.remove(misplaced.directory) }
        guard case .failure(let error) = misplaced.result else { Issue.record("loaded expect on a non-triggering example"); return }
        #expect(error.diagnostics.map(\.message) == ["'expect' belongs to triggering examples: a non-triggering one makes no finding"])
    }

    @Test func missingPackDirectoryIsAnError() {
        #expect(throws: DiagnosticError.self) { try RulePackLoader().load(directory: "/nonexistent/rules") }
    }

    @Test func evidenceLevelsFollowTheVocabulary() {
        let vocabulary = Fixtures.pack.vocabulary
        #expect(vocabulary.level("E0", admits: "review-systematic"))
        #expect(!vocabulary.level("E0", admits: "review-narrative"))
        #expect(!vocabulary.level("E1", admits: "cross-sectional"))
        #expect(vocabulary.level("E3", admits: "editorial"))
    }
}
