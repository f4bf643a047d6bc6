import ArgumentParser
import FlagAudit
import Foundation

struct FlagAuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "flagaudit",
        abstract: "Audits research-evidence entries for weak methods and inconsistent method flags.",
        discussion: "Exit status (every command): 0 clean, 1 findings at or above --fail-on, 2 the result cannot be trusted (bad input, an unusable rule pack, an unwritable output).",
        subcommands: [CheckCommand.self, ScreenCommand.self, ServeCommand.self, ReportCommand.self, ClaimsCommand.self, CompareCommand.self, RulesCommand.self, SchemaCommand.self, EvalCommand.self, TrainCommand.self]
    )

    @Flag(name: .long, help: "Print the versions of flagaudit, its built-in rule pack and claim models, and exit.")
    var version = false

    func run() async throws {
        guard version else { throw CleanExit.helpRequest(self) }
        // The tool's own version first: a pack that does not load is said after it.
        Output.write("\(ToolVersion.name) \(ToolVersion.current)\n")
        let source = try PackOption.source(nil)
        let pack = try PackOption.load(nil)
        var models = [pack.claimModelName]
        do {
            if let transformer = try RulePackLoader().transformerFingerprint(in: source) { models.append("transformer \(transformer)") }
        } catch {
            models.append("transformer unreadable (\(error.diagnostic.message))")
        }
        let origin = if case .archive = source { "built in" } else { "from \(source)" }
        Output.write("""
            rule pack: \(pack.identity.described) (\(origin))
            claim models: \(models.joined(separator: ", "))

            """)
    }
}

@main
enum Main {
    static func main() async {
        do {
            var command = try FlagAuditCommand.parseAsRoot(RawPath.arguments())
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            // Usage errors mean the audit could not be trusted: exit 2, not sysexits' 64.
            let code = FlagAuditCommand.exitCode(for: error)
            if code == .success || code.rawValue == ExitStatus.findings || code.rawValue == ExitStatus.untrusted {
                FlagAuditCommand.exit(withError: error)
            }
            Output.error(FlagAuditCommand.fullMessage(for: error))
            exit(ExitStatus.untrusted)
        }
    }
}
