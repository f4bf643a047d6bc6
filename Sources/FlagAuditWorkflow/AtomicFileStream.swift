import FlagAuditModel
import Foundation

/// A file written piece by piece and replaced whole: the pieces go to a temporary file in the
/// same directory, renamed over the target on `commit`, so a long report streams to disk with
/// flat memory and a reader (or a crash) still never sees half of it. Used on one task only.
///
/// The temporary file has no name until `commit` (Linux's `O_TMPFILE`, named through
/// `/proc/self/fd` just before the rename): a run stopped by Ctrl-C, SIGTERM or a crash leaves
/// nothing behind. Where the system has no unnamed files, it is `.NAME.PID.RAND.tmp`, removed
/// on every error.
///
/// What a user names is what is written: a symbolic link to a file replaces the file it points
/// to (the link stays a link); a file with several hard links is rewritten in place once the
/// whole text is on disk, so every link sees it (the one write that is not atomic: a crash
/// during that copy leaves the file part old, part new); a character device, a FIFO or a socket
/// (`/dev/stdout`, `/proc/self/fd/1`, a named pipe) is written through, as a shell's `>` would,
/// since it cannot be replaced. The replacement keeps the mode and, where the system lets it,
/// the owner of the file replaced.
public final class AtomicFileStream {
    public let path: String
    /// The file the rename replaces (the link's target for a link); nil when written through.
    private let target: String?
    private let descriptor: Int32
    /// The temporary file's name, when it has one.
    private var temporaryPath: String?
    private var buffer: [UInt8] = []
    private var finished = false

    /// Creates the temporary file; fails (located at the target) when the directory is not writable.
    public init(path: String) throws(FileError) {
        self.path = path
        var status = stat()
        if RawPath.withCString(path, { stat($0, &status) }) == 0, status.st_mode & S_IFMT != S_IFREG {
            let type = status.st_mode & S_IFMT
            let descriptor = type == S_IFCHR || type == S_IFIFO || type == S_IFSOCK ? RawPath.withCString(path, { open($0, O_WRONLY | O_CLOEXEC) }) : -1
            guard descriptor >= 0 else {
                throw AtomicFileStream.failure(path, type == S_IFDIR ? "cannot write file: it is a directory" : "cannot write file: not a file, a device or a pipe that can be written")
            }
            self.descriptor = descriptor
            target = nil
            return
        }
        var link = stat()
        let target = RawPath.withCString(path, { lstat($0, &link) }) == 0 && link.st_mode & S_IFMT == S_IFLNK ? RawPath.resolved(path) : path
        let directory = URL(fileURLWithPath: target).deletingLastPathComponent().path
        var descriptor = AtomicFileStream.unnamedFile(in: directory)
        if descriptor < 0 {
            let named = AtomicFileStream.temporaryName(for: target)
            descriptor = RawPath.withCString(named) { open($0, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0o666) }
            guard descriptor >= 0 else {
                throw AtomicFileStream.failure(path, "cannot write file: its directory does not exist or is not writable")
            }
            temporaryPath = named
        }
        var existing = stat()
        if RawPath.withCString(target, { stat($0, &existing) }) == 0 {
            // Owner first: a change of owner clears the set-user and set-group bits the mode restores.
            _ = fchown(descriptor, existing.st_uid, existing.st_gid)
            _ = fchmod(descriptor, existing.st_mode & 0o7777)
        }
        self.target = target
        self.descriptor = descriptor
        buffer.reserveCapacity(AtomicFileStream.chunk)
    }

    /// An unnamed file in `directory`, or -1 where the system or the file system has none, or
    /// where `/proc` (which names it at the end) is not mounted.
    private static func unnamedFile(in directory: String) -> Int32 {
        #if os(Linux)
        // O_TMPFILE: __O_TMPFILE | O_DIRECTORY (Glibc's macro is not imported).
        let descriptor = RawPath.withCString(directory) { open($0, 0o20000000 | O_DIRECTORY | O_RDWR | O_CLOEXEC, 0o666) }
        guard descriptor >= 0 else { return -1 }
        guard access("/proc/self/fd/\(descriptor)", F_OK) == 0 else {
            close(descriptor)
            return -1
        }
        return descriptor
        #else
        return -1
        #endif
    }

    private static func temporaryName(for target: String) -> String {
        let url = URL(fileURLWithPath: target)
        return url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).\(UInt32.random(in: 0...UInt32.max)).tmp").path
    }

    deinit {
        // Not committed (an error on the way): leave the target as it was, and no litter.
        if !finished {
            close(descriptor)
            if let temporaryPath { RawPath.withCString(temporaryPath) { _ = unlink($0) } }
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

    /// Writes what is left and puts the text in place: renamed over the target, or copied into
    /// it when it has other hard links.
    public func commit() throws(FileError) {
        try flush()
        finished = true
        var isOpen = true
        /// Closes the descriptor once; a failed close is a failed write (a network file system
        /// may report the error only then).
        func closeDescriptor() throws(FileError) {
            isOpen = false
            guard close(descriptor) == 0 else { throw AtomicFileStream.failure(path, "cannot write file: \(String(cString: strerror(errno)).lowercased())") }
        }
        defer { if isOpen { close(descriptor) } }
        guard let target else { return try closeDescriptor() }
        var existing = stat()
        if RawPath.withCString(target, { stat($0, &existing) }) == 0, existing.st_nlink > 1 {
            defer { if let temporaryPath { RawPath.withCString(temporaryPath) { _ = unlink($0) } } }
            try copyInPlace(to: target)
            return try closeDescriptor()
        }
        let named = temporaryPath ?? AtomicFileStream.temporaryName(for: target)
        if temporaryPath == nil {
            guard RawPath.withCString(named, { linkat(AT_FDCWD, "/proc/self/fd/\(descriptor)", AT_FDCWD, $0, AT_SYMLINK_FOLLOW) }) == 0 else {
                throw AtomicFileStream.failure(path, "cannot write file: \(String(cString: strerror(errno)))")
            }
        }
        do throws(FileError) {
            try closeDescriptor()
        } catch {
            RawPath.withCString(named) { _ = unlink($0) }
            throw error
        }
        guard RawPath.withCString(named, { from in RawPath.withCString(target) { rename(from, $0) } }) == 0 else {
            let reason = String(cString: strerror(errno))
            RawPath.withCString(named) { _ = unlink($0) }
            throw AtomicFileStream.failure(path, "cannot write file: \(reason)")
        }
    }

    /// The whole text, already on disk in the temporary file, written over the target's own
    /// bytes: its inode, and so every hard link to it, stays.
    private func copyInPlace(to target: String) throws(FileError) {
        let output = RawPath.withCString(target) { open($0, O_WRONLY | O_CLOEXEC) }
        guard output >= 0 else { throw AtomicFileStream.failure(path, "cannot write file: \(String(cString: strerror(errno)))") }
        defer { close(output) }
        var chunk = [UInt8](repeating: 0, count: AtomicFileStream.chunk)
        var offset: off_t = 0
        while true {
            let count = chunk.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, $0.count, offset) }
            if count < 0 && errno == EINTR { continue }
            guard count >= 0 else { throw AtomicFileStream.failure(path, "cannot write file: \(String(cString: strerror(errno)))") }
            if count == 0 { break }
            try AtomicFileStream.writeAll(output, chunk[..<count], at: offset, path: path)
            offset += off_t(count)
        }
        guard ftruncate(output, offset) == 0 else { throw AtomicFileStream.failure(path, "cannot write file: \(String(cString: strerror(errno)))") }
    }

    private func flush() throws(FileError) {
        guard !buffer.isEmpty else { return }
        try AtomicFileStream.writeAll(descriptor, buffer[...], at: nil, path: path)
        buffer.removeAll(keepingCapacity: true)
    }

    /// Writes every byte (a write may take fewer, or be interrupted); at `offset` when given.
    private static func writeAll(_ descriptor: Int32, _ bytes: ArraySlice<UInt8>, at offset: off_t?, path: String) throws(FileError) {
        var done = 0
        while done < bytes.count {
            let count = bytes.withUnsafeBytes { buffer in
                let start = buffer.baseAddress! + done, length = buffer.count - done
                return offset.map { pwrite(descriptor, start, length, $0 + off_t(done)) } ?? Glibc.write(descriptor, start, length)
            }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else {
                let reason = count < 0 ? String(cString: strerror(errno)).lowercased() : "nothing was written"
                throw AtomicFileStream.failure(path, "cannot write file: \(reason)")
            }
            done += count
        }
    }

    private static func failure(_ path: String, _ message: String) -> FileError {
        FileError(at: SourceLocation.start(of: path), message)
    }
}
