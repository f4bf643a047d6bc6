import ArgumentParser
import FlagAudit

/// `--rules DIR`, shared by every command that reads a rule pack.
struct PackOption: ParsableArguments {
    @Option(name: .customLong("rules"), help: "The rule pack directory.")
    var rulesDirectory: String = "rules"

    /// The pack, or every located problem on standard error and exit 2.
    func load() throws -> RulePack { try PackOption.load(rulesDirectory) }

    static func load(_ directory: String, claimModel: ClaimModelChoice? = nil) throws -> RulePack {
        do {
            return try RunFailure.loadPack(directory, claimModel: claimModel)
        } catch {
            error.lines.forEach(Output.error)
            throw ExitCode(ExitStatus.untrusted)
        }
    }
}

/// `--claims-model`, for the commands that read claims.
struct ClaimModelOption: ParsableArguments {
    @Option(name: .customLong("claims-model"), help: "The claim-strength model: transformer, linear or lexicon.")
    var claimModel: ClaimModelChoice?
}

extension ClaimModelChoice: ExpressibleByArgument {}
