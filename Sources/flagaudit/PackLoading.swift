import ArgumentParser
import FlagAudit

enum PackLoading {
    /// Loads the pack or stops with exit 2 and every located problem.
    static func load(_ directory: String) throws -> RulePack {
        do {
            return try RulePackLoader().load(directory: directory)
        } catch {
            for diagnostic in error.diagnostics { Output.error(diagnostic.description) }
            Output.error("error: the rule pack in '\(directory)' is unusable; nothing was audited")
            throw ExitCode(ExitStatus.untrusted)
        }
    }
}

/// `--rules DIR`, shared by every command that reads a rule pack.
struct PackOption: ParsableArguments {
    @Option(name: .customLong("rules"), help: "The rule pack directory.")
    var rulesDirectory: String = "rules"

    func load() throws -> RulePack { try PackLoading.load(rulesDirectory) }
}
