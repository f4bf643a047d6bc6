import FlagAuditEngine
import FlagAuditLoading
import FlagAuditModel

/// Why a run stopped before it could give a trustworthy result (exit 2): every problem found,
/// as the lines standard error shows, located where there is a place to point at.
public struct RunFailure: Error, Sendable {
    public var lines: [String]

    public init(lines: [String]) { self.lines = lines }

    /// The exit status of a run: `body`'s, or, when it fails, every line of the failure on the
    /// console and `ExitStatus.untrusted`.
    public static func exitStatus(on console: Console, of body: () async throws(RunFailure) -> Int32) async -> Int32 {
        do {
            return try await body()
        } catch {
            error.lines.forEach(console.message)
            return ExitStatus.untrusted
        }
    }

    public init(_ error: DiagnosticError, then conclusion: String? = nil) {
        lines = error.diagnostics.map(\.description) + (conclusion.map { [$0] } ?? [])
    }

    public init(_ error: FileError) { lines = [error.description] }

    /// Runs `body`, turning a failed read or write of the tool's own file into a failure.
    public static func onFileError<T>(_ body: () throws(FileError) -> T) throws(RunFailure) -> T {
        do { return try body() } catch { throw RunFailure(error) }
    }

    /// Runs `body`, turning its located problems into a failure.
    public static func onDiagnostics<T>(_ body: () throws(DiagnosticError) -> T) throws(RunFailure) -> T {
        do { return try body() } catch { throw RunFailure(error) }
    }

    /// Where the pack is read from: `directory`, or (nil) the pack built into flagaudit.
    public static func packSource(_ directory: String?) throws(RunFailure) -> PackSource {
        do throws(DiagnosticError) {
            if let directory { return try PackSource.folder(directory) }
            return try BuiltinPack.source()
        } catch {
            throw RunFailure(error, then: "error: the rule pack \(directory.map { "in '\($0)'" } ?? "built into flagaudit") is unusable; nothing was audited")
        }
    }

    /// The pack in `directory` (nil: the one built into flagaudit), or every located problem and
    /// that nothing was audited.
    public static func loadPack(_ directory: String?, claimModel: ClaimModelChoice? = nil) throws(RunFailure) -> RulePack {
        let source = try packSource(directory)
        do {
            return try RulePackLoader(claimModel: claimModel).load(source)
        } catch {
            throw RunFailure(error, then: "error: the rule pack in '\(source)' is unusable; nothing was audited")
        }
    }

    /// The files under `paths`; a path that does not exist stops the run, every such path named.
    /// `skipped`: a located note for each entry-named path a walk left out, and why.
    public static func discover(_ paths: [String], with discovery: EntryDiscovery) throws(RunFailure) -> (files: [String], skipped: [String]) {
        let found = discovery.files(under: paths)
        guard found.unreadable.isEmpty else {
            throw RunFailure(lines: found.unreadable.map { "\($0): error: no such file or directory, or not readable" })
        }
        return (found.files, found.skipped.map { "\($0.path): note: skipped: \($0.reason)".terminalSafe })
    }
}
