import FlagAuditLoading
import FlagAuditModel
import Foundation

/// An advisory lock (`flock`) on an entry while `--fix` reads, edits and replaces it: two
/// fixing runs never edit one file at once, and the one that finds it held says so and leaves
/// it. The lock is on the file the path names (a symbolic link's target), and is released
/// when the lock is dropped — after the replacement is in place.
final class EntryLock: Sendable {
    let path: String
    private let descriptor: Int32

    enum Failure: Error {
        /// Another process holds the lock (a concurrent `--fix`).
        case held
        /// The file is not the one audited: the path names another file than the one locked (a
        /// rename replaced it), or it holds other bytes.
        case changed
        case unreadable(String)

        var reason: String {
            switch self {
            case .held: "another process is fixing it (the file is locked); run again when it is done"
            case .changed: "the file changed after it was audited (another run's fix, an editor's save); run again"
            case .unreadable(let reason): reason
            }
        }
    }

    /// Takes the lock without waiting. A lock taken on a file that a rename has meanwhile
    /// replaced would guard nothing, so the path must still name the file locked.
    init(path: String) throws(Failure) {
        let descriptor = RawPath.withCString(path) { open($0, O_RDONLY | O_CLOEXEC) }
        guard descriptor >= 0 else { throw .unreadable("cannot open it: \(String(cString: strerror(errno)).lowercased())") }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            let held = errno == EWOULDBLOCK
            let reason = String(cString: strerror(errno)).lowercased()
            close(descriptor)
            throw held ? .held : .unreadable("cannot lock it: \(reason)")
        }
        var locked = stat(), named = stat()
        guard fstat(descriptor, &locked) == 0, RawPath.withCString(path, { stat($0, &named) }) == 0,
            locked.st_dev == named.st_dev, locked.st_ino == named.st_ino
        else {
            close(descriptor)
            throw .changed
        }
        self.path = path
        self.descriptor = descriptor
    }

    /// The file's bytes as they are now, under the lock.
    func read(limit: Int) throws(Failure) -> [UInt8] {
        try EntryLock.unreadable { () throws(DiagnosticError) in try FileInput.read(descriptor: descriptor, path: path, limit: limit) }
    }

    /// The file's bytes as they are now, without a lock (a preview, which writes nothing).
    static func read(_ path: String, limit: Int) throws(Failure) -> [UInt8] {
        try unreadable { () throws(DiagnosticError) in try FileInput.read(path, limit: limit) }
    }

    private static func unreadable(_ read: () throws(DiagnosticError) -> [UInt8]) throws(Failure) -> [UInt8] {
        do {
            return try read()
        } catch {
            throw .unreadable(error.diagnostics.first?.message ?? "cannot read it")
        }
    }

    deinit { close(descriptor) }
}
