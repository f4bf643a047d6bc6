import FlagAuditModel
import Foundation

/// A file written piece by piece and replaced whole: the pieces go to a temporary file in the
/// same directory, renamed over the target on `commit`, so a long report streams to disk with
/// flat memory and a reader (or a crash) still never sees half of it. Used on one task only.
///
/// What a user names is what is written: a symbolic link to a file replaces the file it points
/// to (the link stays a link); a character device, a FIFO or a socket (`/dev/stdout`,
/// `/proc/self/fd/1`, a named pipe) is written through, as a shell's `>` would, since it
/// cannot be replaced.
public final class AtomicFileStream {
    public let path: String
    /// Nil when written through.
    private let temporaryPath: String?
    /// The file the rename replaces (the link's target for a link).
    private let target: String
    private let handle: FileHandle
    private var buffer: [UInt8] = []
    private var finished = false

    /// Creates the temporary file; fails (located at the target) when the directory is not writable.
    public init(path: String) throws(FileError) {
        self.path = path
        var status = stat()
        if stat(path, &status) == 0, status.st_mode & S_IFMT != S_IFREG {
            let type = status.st_mode & S_IFMT
            guard type == S_IFCHR || type == S_IFIFO || type == S_IFSOCK, let handle = FileHandle(forWritingAtPath: path) else {
                throw AtomicFileStream.failure(path, type == S_IFDIR ? "cannot write file: it is a directory" : "cannot write file: not a file, a device or a pipe that can be written")
            }
            self.handle = handle
            temporaryPath = nil
            target = path
            return
        }
        var link = stat()
        target = lstat(path, &link) == 0 && link.st_mode & S_IFMT == S_IFLNK ? URL(fileURLWithPath: path).resolvingSymlinksInPath().path : path
        let url = URL(fileURLWithPath: target)
        let temporaryPath = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).\(UInt32.random(in: 0...UInt32.max)).tmp").path
        guard FileManager.default.createFile(atPath: temporaryPath, contents: nil),
            let handle = FileHandle(forWritingAtPath: temporaryPath)
        else {
            throw AtomicFileStream.failure(path, "cannot write file: its directory does not exist or is not writable")
        }
        // The replacement keeps the replaced file's mode and, where the system lets it, its owner:
        // a read-only or group-shared entry stays so after --fix.
        var existing = stat()
        if stat(target, &existing) == 0 {
            _ = chmod(temporaryPath, existing.st_mode & 0o7777)
            _ = chown(temporaryPath, existing.st_uid, existing.st_gid)
        }
        self.temporaryPath = temporaryPath
        self.handle = handle
        buffer.reserveCapacity(AtomicFileStream.chunk)
    }

    deinit {
        // Not committed (an error on the way): leave the target as it was, and no litter.
        if !finished {
            try? handle.close()
            if let temporaryPath { try? FileManager.default.removeItem(atPath: temporaryPath) }
        }
    }

    private static let chunk = 1 << 16

    public func write(_ text: String) throws(FileError) {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= AtomicFileStream.chunk { try flush() }
    }

    public func write(bytes: [UInt8]) throws(FileError) {
        buffer.append(contentsOf: bytes)
        if buffer.count >= AtomicFileStream.chunk { try flush() }
    }

    /// Writes what is left and renames the temporary file over the target.
    public func commit() throws(FileError) {
        try flush()
        finished = true
        do {
            try handle.close()
        } catch {
            if let temporaryPath { try? FileManager.default.removeItem(atPath: temporaryPath) }
            throw AtomicFileStream.failure(path, "cannot write file: \(error.localizedDescription)")
        }
        guard let temporaryPath else { return }
        guard rename(temporaryPath, target) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(atPath: temporaryPath)
            throw AtomicFileStream.failure(path, "cannot write file: \(reason)")
        }
    }

    private func flush() throws(FileError) {
        guard !buffer.isEmpty else { return }
        do {
            try handle.write(contentsOf: buffer)
        } catch {
            throw AtomicFileStream.failure(path, "cannot write file: \(error.localizedDescription)")
        }
        buffer.removeAll(keepingCapacity: true)
    }

    private static func failure(_ path: String, _ message: String) -> FileError {
        FileError(at: SourceLocation.start(of: path), message)
    }
}
