import FlagAuditModel

/// Writes a whole file or nothing: a temporary file in the same directory, then a rename,
/// so a reader (or a crash) never sees half a report. (`AtomicFileStream` does the work; this
/// is the one-piece form.)
public enum AtomicFile {
    public static func write(_ text: String, to path: String) throws(FileError) {
        let stream = try AtomicFileStream(path: path)
        try stream.write(text)
        try stream.commit()
    }

    public static func write(bytes: [UInt8], to path: String) throws(FileError) {
        let stream = try AtomicFileStream(path: path)
        try stream.write(bytes: bytes)
        try stream.commit()
    }
}
