import FlagAuditEngine
import FlagAuditLoading
import FlagAuditModel

/// The configuration and the pack a run uses, found the same way by `check`, `report` and
/// `screen`: `--config`, else `FLAGAUDIT_CONFIG` (the command line passes it), else the nearest
/// `.flagaudit.yml` from the current folder up; then `--rules`, else the configuration's
/// `rules:` (read against its folder), else the built-in pack, with the configuration's
/// disabled rules and severities applied.
public struct RunSetup: Sendable {
    public var configuration: Configuration?
    public var pack: RulePack

    public static func resolve(
        configurationPath: String?, searchingFrom start: String?, rulesDirectory: String?, claimModel: ClaimModelChoice?
    ) throws(RunFailure) -> RunSetup {
        let configuration = try RunFailure.onDiagnostics { () throws(DiagnosticError) in
            try Configuration.find(explicit: configurationPath, searchingFrom: start)
        }
        let loaded = try RunFailure.loadPack(rulesDirectory ?? configuration?.rulesDirectory, claimModel: claimModel)
        let pack = try RunFailure.onDiagnostics { () throws(DiagnosticError) in try configuration?.apply(to: loaded) ?? loaded }
        return RunSetup(configuration: configuration, pack: pack)
    }

    /// How the run walks its paths: the configuration's `exclude:` applied.
    public func discovery(extensions: [String] = [".yaml", ".yml"]) -> EntryDiscovery {
        EntryDiscovery(exclusion: configuration?.exclusion(), extensions: extensions)
    }
}
