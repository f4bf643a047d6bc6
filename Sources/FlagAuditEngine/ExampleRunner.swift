import FlagAuditModel

/// Checks every rule against its own examples, as SwiftLint does with triggering and
/// non-triggering examples: a rule that misses its example, or fires on a counter-example, is broken.
public struct ExampleRunner: Sendable {
    public struct Failure: Sendable, CustomStringConvertible {
        public var rule: String
        public var location: SourceLocation
        public var expectedToFire: Bool

        public var description: String {
            "\(location): error: rule '\(rule)' \(expectedToFire ? "did not fire on its triggering example" : "fired on its non-triggering example")"
        }
    }

    public let auditor: Auditor

    public init(pack: RulePack) { self.auditor = Auditor(pack: pack) }

    /// Number of examples checked and the failures among them.
    public func run() -> (checked: Int, failures: [Failure]) {
        var checked = 0
        var failures: [Failure] = []
        for rule in auditor.pack.rules {
            for (studies, expected) in [(rule.examples.triggering, true), (rule.examples.nonTriggering, false)] {
                for study in studies {
                    checked += 1
                    let fired = auditor.evaluate(rule, on: auditor.analyze(study, complete: false)) != nil
                    if fired != expected {
                        failures.append(Failure(rule: rule.id, location: study.origin, expectedToFire: expected))
                    }
                }
            }
        }
        return (checked, failures)
    }
}
