import FlagAuditModel

/// Checks every rule against its own examples, as SwiftLint does with triggering and
/// non-triggering examples: a rule that misses its example, fires on a counter-example, or
/// lands its finding elsewhere than the example states, is broken.
public struct ExampleRunner: Sendable {
    public struct Failure: Sendable, CustomStringConvertible {
        public enum Kind: Sendable, Equatable {
            case didNotFire
            case fired
            /// Fired, but not as the example's `expect:` states: what was expected, what was found.
            case landedElsewhere(expected: String, found: String)
        }

        public var rule: String
        public var location: SourceLocation
        public var kind: Kind

        public var expectedToFire: Bool { kind != .fired }

        public var description: String {
            switch kind {
            case .didNotFire: "\(location): error: rule '\(rule)' did not fire on its triggering example"
            case .fired: "\(location): error: rule '\(rule)' fired on its non-triggering example"
            case .landedElsewhere(let expected, let found):
                "\(location): error: rule '\(rule)' expected \(expected) on its triggering example, found \(found)"
            }
        }
    }

    public let auditor: Auditor

    public init(pack: RulePack) { self.auditor = Auditor(pack: pack) }

    /// Number of examples checked and the failures among them.
    public func run() -> (checked: Int, failures: [Failure]) {
        var checked = 0
        var failures: [Failure] = []
        for rule in auditor.pack.rules {
            for example in rule.examples.triggering {
                checked += 1
                guard let evidence = auditor.evaluate(rule, on: analysis(of: example)) else {
                    failures.append(Failure(rule: rule.id, location: example.study.origin, kind: .didNotFire))
                    continue
                }
                guard let expectation = example.expectation else { continue }
                let placed = RuleMatch(rule: rule, evidence: evidence).placed(for: example.study)
                if let kind = ExampleRunner.mismatch(expectation, placed) {
                    failures.append(Failure(rule: rule.id, location: expectation.location, kind: kind))
                }
            }
            for example in rule.examples.nonTriggering {
                checked += 1
                if auditor.evaluate(rule, on: analysis(of: example)) != nil {
                    failures.append(Failure(rule: rule.id, location: example.study.origin, kind: .fired))
                }
            }
        }
        return (checked, failures)
    }

    /// The example's analysis, linked to the study it reports on as an audit would link it.
    private func analysis(of example: RuleExample) -> StudyAnalysis {
        var analysis = auditor.analyze(example.study, complete: false)
        analysis.linked = example.target
        return analysis
    }

    /// What the findings fail of the expectation, or nil when they meet it.
    static func mismatch(_ expectation: RuleExample.Expectation, _ placed: [(finding: Finding, evidence: Evidence?)]) -> Failure.Kind? {
        if let count = expectation.count, count != placed.count {
            return .landedElsewhere(expected: "\(count) finding\(count == 1 ? "" : "s")", found: "\(placed.count)")
        }
        guard expectation.field != nil || expectation.match != nil || expectation.message != nil else { return nil }
        let meets = placed.contains { finding, evidence in
            expectation.field.map { finding.field == $0.displayName } != false
                && expectation.match.map { evidence?.match?.lowercased() == $0.lowercased() } != false
                && expectation.message.map { finding.message == $0 } != false
        }
        if meets { return nil }
        return .landedElsewhere(
            expected: "a finding " + describe(field: expectation.field?.displayName, match: expectation.match, message: expectation.message),
            found: placed.map { describe(field: $0.finding.field ?? "no field", match: $0.evidence?.match, message: expectation.message == nil ? nil : $0.finding.message) }
                .joined(separator: "; "))
    }

    private static func describe(field: String?, match: String?, message: String?) -> String {
        var parts: [String] = []
        if let field { parts.append("in \(field)") }
        if let match { parts.append("on '\(match)'") }
        if let message { parts.append("saying \"\(message)\"") }
        return parts.joined(separator: " ")
    }
}
