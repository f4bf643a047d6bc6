import ArgumentParser
import FlagAudit
import Foundation

struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "Inspect, test and export a rule pack.",
        discussion: "Exit status: 0 done, 1 (rules test) an example fails, 2 the pack is unusable or a usage error.",
        subcommands: [ListRules.self, ExplainRule.self, TestRules.self, RulePatterns.self, RuleDoc.self, ExportRules.self, EmbedRules.self]
    )
}

struct ListRules: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List every rule: id, severity, flag, summary.", discussion: "Exit status: 0 listed, 2 the pack is unusable.")

    @OptionGroup var rules: PackOption

    func run() throws {
        let catalog = RuleDescriptor.catalog(of: try rules.load())
        let width = catalog.map(\.id.count).max() ?? 0
        var text = ""
        for rule in catalog {
            let id = rule.id.padding(toLength: width, withPad: " ", startingAt: 0)
            let severity = rule.severity.rawValue.padding(toLength: 7, withPad: " ", startingAt: 0)
            let flag = (rule.flag ?? "-").padding(toLength: 21, withPad: " ", startingAt: 0)
            text += "\(id)  \(severity)  \(flag)  \(rule.summary)\(rule.isBuiltin ? " (built in)" : "")\n"
        }
        Output.write(text)
    }
}

struct ExplainRule: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain", abstract: "Show a rule's rationale, reference and examples.",
        discussion: "Exit status: 0 shown, 2 no such rule (with the nearest id) or the pack is unusable.")

    @Argument(help: "The rule id (see `flagaudit rules list`).")
    var id: String

    @OptionGroup var rules: PackOption

    func run() throws {
        let pack = try rules.load()
        let catalog = RuleDescriptor.catalog(of: pack)
        guard let rule = catalog.first(where: { $0.id == id }) else {
            let nearest = NearestMatch.best(for: id, among: catalog.map(\.id))
            Output.error("error: no rule '\(id)'\(nearest.map { "; did you mean '\($0)'?" } ?? "")")
            throw ExitCode(ExitStatus.untrusted)
        }
        var text = "\(rule.id)\(rule.isBuiltin ? " (built in)" : "")\n"
        text += "  severity: \(rule.severity.rawValue)\n"
        if let flag = rule.flag { text += "  flag: \(flag)\n" }
        text += "  summary: \(rule.summary)\n\nWhy:\n  \(rule.rationale.trimmedWhitespace)\n"
        if let reference = rule.reference { text += "\nReference:\n  \(reference)\n" }
        if let full = pack.rule(id) {
            text += "\nFires on:\n" + full.examples.triggering.map { "  - \(ExampleText.describe($0.study))\n" }.joined()
            text += "\nDoes not fire on:\n" + full.examples.nonTriggering.map { "  - \(ExampleText.describe($0.study))\n" }.joined()
        }
        Output.write(text)
    }
}

struct TestRules: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test", abstract: "Run every rule's triggering and non-triggering examples.",
        discussion: "Exit status: 0 every example behaves, 1 one does not (each failure located on standard error), 2 the pack is unusable.")

    @Argument(help: "The rule pack directory (default: the pack built into flagaudit).")
    var directory: String?

    func run() throws {
        let pack = try PackOption.load(directory)
        let result = ExampleRunner(pack: pack).run()
        for failure in result.failures { Output.error(failure.description) }
        Output.write("\(result.checked - result.failures.count) passed, \(result.failures.count) failed: examples of \(pack.rules.count) rules\n")
        if !result.failures.isEmpty { throw ExitCode(ExitStatus.findings) }
    }
}

struct RulePatterns: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "patterns", abstract: "Print every text pattern of the pack as a regular expression, one per line (for ripgrep -f).",
        discussion: "Exit status: 0 printed, 2 the pack is unusable.")

    @OptionGroup var rules: PackOption

    func run() throws {
        Output.write(try rules.load().textPatterns.joined(separator: "\n") + "\n")
    }
}

struct RuleDoc: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "doc", abstract: "Print the reference of every rule and built-in check as Markdown (docs/rule-reference.md).",
        discussion: "Exit status: 0 printed, 2 the pack is unusable.")

    @OptionGroup var rules: PackOption

    func run() throws {
        let pack = try rules.load()
        Output.write(RuleReference.markdown(RuleDescriptor.catalog(of: pack), pack: pack.identity))
    }
}

struct ExportRules: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write the rule pack (the built-in one, or --rules DIR) into a new folder, to customise it.",
        discussion: "Then point flagaudit at the copy with --rules DIR or 'rules: DIR' in .flagaudit.yml. The folder must not exist yet, or be empty: nothing is overwritten.\n\nExit status: 0 written, 2 the folder is not empty or cannot be written.")

    @Argument(help: "The folder to write.")
    var destination: String

    @OptionGroup var rules: PackOption

    func run() throws {
        let source = try PackOption.source(rules.rulesDirectory)
        let count = try Stopping.onFileError { () throws(FileError) in try BuiltinPack.export(source, to: destination) }
        Output.error("wrote \(count) files of \(source) to \(destination); use them with --rules \(destination)")
    }
}

/// For `scripts/release`: the pack goes into the binary only once it loads and its examples pass.
struct EmbedRules: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "embed",
        abstract: "Append a rule pack to a flagaudit binary, which then uses it by default (scripts/release does this).",
        discussion: "Exit status: 0 appended, 1 an example of the pack fails, 2 the pack is unusable or the binary cannot be written or already carries a pack.")

    @Argument(help: "The binary to append the pack to.")
    var binary: String

    @Option(name: .customLong("rules"), help: "The rule pack directory.")
    var directory: String = "rules"

    func run() throws {
        let pack = try PackOption.load(directory, claimModel: .transformer)
        let result = ExampleRunner(pack: pack).run()
        guard result.failures.isEmpty else {
            for failure in result.failures { Output.error(failure.description) }
            throw ExitCode(ExitStatus.findings)
        }
        try Stopping.onDiagnostics { () throws(DiagnosticError) in try BuiltinPack.embed(PackSource.folder(directory), into: binary) }
        Output.error("appended the pack in \(directory) (\(pack.rules.count) rules) to \(binary)")
    }
}
