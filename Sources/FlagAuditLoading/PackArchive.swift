import FlagAuditModel
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A rule pack's files stored at the end of another file: how a release binary carries its
/// pack (`scripts/release` appends one after stripping; the loader ignores bytes past an ELF's
/// sections, so the program runs as before). Layout, all integers little-endian:
///
///     per file, sorted by path:  u32 path length · path (UTF-8, '/'-separated) · u64 size · bytes
///     trailer (24 bytes):        u64 length of the files part · u64 file count · "FAPACK\0\u{1}"
///
/// Only the trailer and the index are read when the archive opens; a file's bytes are read when
/// asked for, so a run that never uses the transformer never reads its 22 MB.
public struct PackArchive: Sendable, Equatable {
    /// The file holding the archive (a binary, or a bare archive).
    public var path: String
    /// Each stored file's offset and size in `path`, by its path in the pack.
    public private(set) var entries: [String: Range<Int>] = [:]
    /// The stored paths, in the order written (sorted).
    public private(set) var names: [String] = []

    static let magic: [UInt8] = Array("FAPACK".utf8) + [0, 1]
    static let trailerSize = 24
    static let maxFiles = 10_000
    static let maxNameBytes = 4_096

    /// The archive at the end of `path`, or nil when the file ends with none.
    public init?(endOf path: String) throws(DiagnosticError) {
        let file = try Self.openFile(path)
        defer { close(file) }
        var status = stat()
        guard fstat(file, &status) == 0 else { throw Self.damaged(path, "cannot read its size") }
        let size = Int(status.st_size)
        guard size >= Self.trailerSize else { return nil }
        let trailer = try Self.read(file, at: size - Self.trailerSize, count: Self.trailerSize, path: path)
        guard Array(trailer[16...]) == Self.magic else { return nil }
        let filesLength = Self.integer(trailer[0..<8]), count = Self.integer(trailer[8..<16])
        guard filesLength <= size - Self.trailerSize, count <= Self.maxFiles else {
            throw Self.damaged(path, "its index claims \(count) files in \(filesLength) bytes")
        }
        self.path = path
        let end = size - Self.trailerSize
        var offset = end - filesLength
        for _ in 0..<count {
            guard end - offset >= 4 else { throw Self.damaged(path, "an entry runs past the end") }
            let nameLength = Self.integer(try Self.read(file, at: offset, count: 4, path: path)[...])
            guard nameLength <= Self.maxNameBytes, end - offset - 4 >= nameLength + 8 else {
                throw Self.damaged(path, "an entry's name runs past the end")
            }
            let header = try Self.read(file, at: offset + 4, count: nameLength + 8, path: path)
            let name = String(decoding: header[..<nameLength], as: UTF8.self)
            let dataLength = Self.integer(header[nameLength...])
            let start = offset + 4 + nameLength + 8
            guard dataLength <= end - start, entries[name] == nil, !name.isEmpty else {
                throw Self.damaged(path, "the entry '\(name)' is repeated or runs past the end")
            }
            entries[name] = start..<(start + dataLength)
            names.append(name)
            offset = start + dataLength
        }
        guard offset == end else { throw Self.damaged(path, "\(end - offset) bytes after the last entry") }
    }

    /// The bytes stored as `name`, or nil when the archive has no such file.
    public func read(_ name: String) throws(DiagnosticError) -> [UInt8]? {
        guard let range = entries[name] else { return nil }
        let file = try Self.openFile(path)
        defer { close(file) }
        return try Self.read(file, at: range.lowerBound, count: range.count, path: path)
    }

    /// The archive of `files` (path in the pack, bytes), ready to append to a file.
    public static func serialize(_ files: [(name: String, bytes: [UInt8])]) -> [UInt8] {
        var output: [UInt8] = []
        for file in files.sorted(by: { $0.name < $1.name }) {
            let name = Array(file.name.utf8)
            append(name.count, bytes: 4, to: &output)
            output += name
            append(file.bytes.count, bytes: 8, to: &output)
            output += file.bytes
        }
        let filesLength = output.count
        append(filesLength, bytes: 8, to: &output)
        append(files.count, bytes: 8, to: &output)
        return output + magic
    }

    private static func append(_ value: Int, bytes: Int, to output: inout [UInt8]) {
        for shift in stride(from: 0, to: bytes * 8, by: 8) { output.append(UInt8(truncatingIfNeeded: value >> shift)) }
    }

    /// A little-endian unsigned integer; values past `Int.max` saturate (and fail the size checks).
    private static func integer(_ bytes: ArraySlice<UInt8>) -> Int {
        var value: UInt64 = 0
        for (index, byte) in bytes.prefix(8).enumerated() { value |= UInt64(byte) << (8 * UInt64(index)) }
        return value > UInt64(Int.max) ? Int.max : Int(value)
    }

    private static func openFile(_ path: String) throws(DiagnosticError) -> Int32 {
        let file = path.withCString { open($0, O_RDONLY | O_CLOEXEC) }
        guard file >= 0 else {
            throw DiagnosticError(Diagnostic(.inputLimit, at: .start(of: path), "cannot read: \(String(cString: strerror(errno)).lowercased())"))
        }
        return file
    }

    private static func read(_ file: Int32, at offset: Int, count: Int, path: String) throws(DiagnosticError) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        var done = 0
        while done < count {
            let got = bytes.withUnsafeMutableBytes { pread(file, $0.baseAddress! + done, count - done, off_t(offset + done)) }
            if got < 0 && errno == EINTR { continue }
            guard got > 0 else { throw damaged(path, "it ends before its index says") }
            done += got
        }
        return bytes
    }

    private static func damaged(_ path: String, _ reason: String) -> DiagnosticError {
        DiagnosticError(Diagnostic(.inputLimit, at: .start(of: path), "the rule pack stored in this file is damaged: \(reason)"))
    }
}
