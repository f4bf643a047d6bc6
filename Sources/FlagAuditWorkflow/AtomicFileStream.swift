import FlagAuditModel
import Foundation

/// A file written piece by piece and replaced whole: the pieces go to a temporary file in the
/// same directory, renamed over the target on `commit`, so a long report streams to disk with
/// flat memory and a reader (or a crash) still never sees half of it. Used on one task only.
public final class AtomicFileStream {
    public let path: String
    private let temporaryPath: String
    private let handle: FileHandle
    private var buffer: [UInt8] = []
    private var finished = false

    /// Creates the temporary file; fails (located at the target) when the directory is not writable.
    public init(path: String) throws(FileError) {
        self.path = path
        let url = URL(fileURLWithPath: path)
        temporaryPath = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).\(UInt32.random(in: 0...UInt32.max)).tmp").path
        guard FileManager.default.createFile(atPath: temporaryPath, contents: nil),
            let handle = FileHandle(forWritingAtPath: temporaryPath)
        else {
            throw AtomicFileStream.failure(path, "cannot write file: its directory does not exist or is not writable")
        }
        self.handle = handle
        buffer.reserveCapacity(AtomicFileStream.chunk)
    }

    deinit {
        // Not committed (an error on the way): leave the target as it was, and no litter.
        if !finished {
            try? handle.close()
            try? FileManager.default.removeItem(atPath: temporaryPath)
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
            try? FileManager.default.removeItem(atPath: temporaryPath)
            throw AtomicFileStream.failure(path, "cannot write file: \(error.localizedDescription)")
        }
        guard rename(temporaryPath, path) == 0 else {
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
