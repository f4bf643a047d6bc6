import ArgumentParser
import FlagAudit
import Foundation

struct FlagAuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "flagaudit",
        abstract: "Audits research-evidence entries for weak methods and inconsistent method flags.",
        version: JSONReporter.version,
        subcommands: [CheckCommand.self, ScreenCommand.self, ReportCommand.self, ClaimsCommand.self, CompareCommand.self, RulesCommand.self, EvalCommand.self, TrainCommand.self]
    )
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
