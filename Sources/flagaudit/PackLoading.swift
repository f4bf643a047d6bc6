import ArgumentParser
import FlagAudit
import Foundation

/// `--rules DIR`, shared by every command that reads a rule pack.
struct PackOption: ParsableArguments {
    @Option(name: .customLong("rules"), help: "The rule pack directory (default: the configuration's 'rules:', else the pack built into flagaudit).")
    var rulesDirectory: String?

    /// The pack, or every located problem on standard error and exit 2.
    func load() throws -> RulePack { try PackOption.load(rulesDirectory) }

    /// Where the pack is read from, or the problem on standard error and exit 2.
    static func source(_ directory: String?) throws -> PackSource {
        do {
            return try RunFailure.packSource(directory)
        } catch {
            error.lines.forEach(Output.error)
            throw ExitCode(ExitStatus.untrusted)
        }
    }

    /// The pack in `directory`; nil: the one `check` would use here (the configuration's, with
    /// its disabled rules and severities, else the built-in one).
    static func load(_ directory: String?, claimModel: ClaimModelChoice? = nil) throws -> RulePack {
        do {
            if let directory { return try RunFailure.loadPack(directory, claimModel: claimModel) }
            let configuration = ProcessInfo.processInfo.environment[Configuration.environmentVariable].flatMap { $0.isEmpty ? nil : $0 }
            return try RunSetup.resolve(configurationPath: configuration, searchingFrom: ".", rulesDirectory: nil, claimModel: claimModel).pack
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

/// `--config FILE`, for the commands that read `.flagaudit.yml`.
struct ConfigOption: ParsableArguments {
    @Option(name: .customLong("config"), help: "Configuration file (default: $FLAGAUDIT_CONFIG, else the nearest .flagaudit.yml from the current folder up).")
    var path: String?

    /// The file named by the option, else by `FLAGAUDIT_CONFIG`; nil: search for `.flagaudit.yml`.
    var explicit: String? {
        path ?? ProcessInfo.processInfo.environment[Configuration.environmentVariable].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// The pack `check` would use: `--rules`, else the configuration's, with its disabled rules
    /// and severities applied; or every problem on standard error and exit 2.
    static func pack(rules: String?, config: ConfigOption) throws -> RulePack {
        do {
            return try RunSetup.resolve(configurationPath: config.explicit, searchingFrom: ".", rulesDirectory: rules, claimModel: nil).pack
        } catch {
            error.lines.forEach(Output.error)
            throw ExitCode(ExitStatus.untrusted)
        }
    }
}

/// The formats of the commands that print text or JSON only (`screen`, `compare`).
enum TextOrJSON: String, ExpressibleByArgument, CaseIterable {
    case text, json
}
