import ArgumentParser
import FlagAudit

struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "Inspect and test a rule pack.",
        subcommands: [ListRules.self, TestRules.self]
    )
}

struct ListRules: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List every rule: id, severity, flag, summary.")

    @Option(name: .customLong("rules"), help: "The rule pack directory.")
    var rulesDirectory: String = "rules"

    func run() throws {
        let pack = try PackLoading.load(rulesDirectory)
        var lines = pack.rules.map { "\($0.id)\t\($0.severity.rawValue)\t\($0.flag ?? "-")\t\($0.summary)" }
        lines += BuiltinCheck.allCases.map { "\($0.rawValue)\t\($0.severity.rawValue)\t-\t\($0.summary) (built in)" }
        Output.write(lines.joined(separator: "\n") + "\n")
    }
}

struct TestRules: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test", abstract: "Run every rule's triggering and non-triggering examples.")

    @Argument(help: "The rule pack directory.")
    var directory: String = "rules"

    func run() throws {
        let pack = try PackLoading.load(directory)
        let result = ExampleRunner(pack: pack).run()
        for failure in result.failures { Output.error(failure.description) }
        Output.write("\(result.checked - result.failures.count) passed, \(result.failures.count) failed: examples of \(pack.rules.count) rules\n")
        if !result.failures.isEmpty { throw ExitCode(ExitStatus.findings) }
    }
}
