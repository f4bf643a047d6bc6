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
        try Stopping.onRunFailure { () throws(RunFailure) in try RunFailure.packSource(directory) }
    }

    /// The pack in `directory` as it is; nil: the one `check` would use here.
    static func load(_ directory: String?, claimModel: ClaimModelChoice? = nil) throws -> RulePack {
        if let directory { return try Stopping.onRunFailure { () throws(RunFailure) in try RunFailure.loadPack(directory, claimModel: claimModel) } }
        return try configured(nil, claimModel: claimModel, configuration: ConfigOption.fromEnvironment)
    }

    /// The pack `check` would use: `directory`, else the configuration's (`configuration`, or
    /// the nearest found), else the built-in one, with the configuration's disabled rules and
    /// severities applied.
    static func configured(_ directory: String?, claimModel: ClaimModelChoice? = nil, configuration: String?) throws -> RulePack {
        try Stopping.onRunFailure { () throws(RunFailure) in
            try RunSetup.resolve(configurationPath: configuration, searchingFrom: ".", rulesDirectory: directory, claimModel: claimModel).pack
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

    /// The file `FLAGAUDIT_CONFIG` names, if any.
    static var fromEnvironment: String? {
        ProcessInfo.processInfo.environment[Configuration.environmentVariable].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// The file named by the option, else by `FLAGAUDIT_CONFIG`; nil: search for `.flagaudit.yml`.
    var explicit: String? { path ?? ConfigOption.fromEnvironment }
}

/// The formats of the commands that print text or JSON only (`screen`, `compare`).
enum TextOrJSON: String, ExpressibleByArgument, CaseIterable {
    case text, json
}
