import FlagAuditLoading
import FlagAuditModel
import Foundation

/// The files git says changed since a ref (`check --changed-since REF`, for pull requests):
/// added, copied, modified, renamed or retyped in the work tree since the commit it shares
/// with REF (a pull request's own changes, however far REF has moved on), and files git does
/// not track yet (a new entry not committed), anywhere in the work tree. Every entry is still read, so `reports_on` links
/// and duplicate ids are judged against the whole atlas; only the changed ones are reported.
public struct ChangedEntries: Sendable {
    /// Absolute paths.
    public private(set) var paths: Set<String>
    public let reference: String

    public init(since reference: String, in folder: String = FileManager.default.currentDirectoryPath) throws(RunFailure) {
        self.reference = reference
        // A ref that looks like an option would be read as one.
        guard !reference.hasPrefix("-"), !reference.isEmpty else {
            throw RunFailure(lines: ["error: --changed-since needs a git ref (a branch, tag or commit), not '\(reference)'"])
        }
        // Names from the top of the work tree, so a run from a subfolder misses nothing.
        guard let top = try ChangedEntries.git(["rev-parse", "--show-toplevel"], in: folder, for: reference, separator: 0x0A).first else {
            throw RunFailure(lines: ["error: --changed-since \(reference): not inside a git work tree"])
        }
        let changed = try ChangedEntries.git(["diff", "--name-only", "-z", "--diff-filter=ACMRT", "--merge-base", reference, "--"], in: top, for: reference)
        let untracked = try ChangedEntries.git(["ls-files", "-z", "--others", "--exclude-standard"], in: top, for: reference)
        paths = Set((changed + untracked).map { PathText.absolute($0, from: top) })
    }

    public func contains(_ path: String) -> Bool {
        paths.contains(PathText.absolute(path, from: FileManager.default.currentDirectoryPath))
    }

    /// git's NUL-separated output lines, or its first error line as the run's failure.
    static func git(_ arguments: [String], in folder: String, for reference: String, separator: UInt8 = 0) throws(RunFailure) -> [String] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git"] + arguments
        process.currentDirectoryURL = URL(fileURLWithPath: folder)
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = FileHandle.nullDevice
        do { try process.run() } catch {
            throw RunFailure(lines: ["error: --changed-since needs git, which could not be run: \(error.localizedDescription)"])
        }
        // Read before waiting: a long list would fill the pipe and git would never end.
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let message = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let first = String(decoding: message, as: UTF8.self).split(separator: "\n").first.map(String.init) ?? "git exited \(process.terminationStatus)"
            throw RunFailure(lines: ["error: --changed-since \(reference): \(first)".terminalSafe])
        }
        return data.split(separator: separator).map { String(decoding: $0, as: UTF8.self) }
    }
}
