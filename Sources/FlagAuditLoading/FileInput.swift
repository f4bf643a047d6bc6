import FlagAuditModel
import Foundation

/// Reads input files with a size bound, turning I/O failures into located diagnostics.
/// Straight system calls into one byte array: Foundation's `FileHandle` and `Data` added an
/// object and a copy to every entry read.
public enum FileInput {
    public static func read(_ path: String, limit: Int) throws(DiagnosticError) -> [UInt8] {
        let start = SourceLocation.start(of: path)
        // Why a read failed is asked only once it has failed: no extra system call per file.
        func failure(_ otherwise: String) -> DiagnosticError {
            let (exists, isDirectory) = RawPath.status(path)
            let reason = isDirectory ? "it is a directory" : exists ? otherwise : "no such file"
            return DiagnosticError(Diagnostic(.inputLimit, at: start, "cannot read file: \(reason)"))
        }
        let descriptor = RawPath.withCString(path) { open($0, O_RDONLY | O_CLOEXEC) }
        guard descriptor >= 0 else { throw failure("permission denied") }
        defer { close(descriptor) }
        return try read(descriptor: descriptor, path: path, limit: limit)
    }

    /// Reads the rest of an open file (the caller keeps and closes the descriptor), with the
    /// messages of `read(_:limit:)`.
    public static func read(descriptor: Int32, path: String, limit: Int) throws(DiagnosticError) -> [UInt8] {
        let start = SourceLocation.start(of: path)
        func failure(_ reason: String) -> DiagnosticError {
            DiagnosticError(Diagnostic(.inputLimit, at: start, "cannot read file: \(reason)"))
        }
        var status = stat()
        let expected = fstat(descriptor, &status) == 0 && (status.st_mode & S_IFMT) == S_IFREG ? Int(status.st_size) : 0
        // Read one byte past the limit: enough to know it is too large without loading it all.
        var bytes = [UInt8](repeating: 0, count: min(limit, expected) + 1)
        var count = 0
        while true {
            if count == bytes.count {
                guard count <= limit else { break }
                bytes.append(contentsOf: repeatElement(0, count: min(max(count, 4096), limit + 1 - count)))
            }
            let read = bytes.withUnsafeMutableBytes { buffer in
                Glibc.read(descriptor, buffer.baseAddress! + count, buffer.count - count)
            }
            if read > 0 {
                count += read
            } else if read == 0 {
                break
            } else if errno != EINTR {
                throw failure(errno == EISDIR ? "it is a directory" : String(cString: strerror(errno)).lowercased())
            }
        }
        if count > limit {
            throw DiagnosticError(Diagnostic(.inputLimit, at: start, "file is larger than the limit of \(limit) bytes"))
        }
        bytes.removeLast(bytes.count - count)
        return bytes
    }
}
