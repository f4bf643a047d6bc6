import FlagAuditModel

/// Collects a report in large chunks: to the console as it goes, or to a file that is replaced
/// whole once the report is complete (`--output`); either way memory stays flat.
/// Used on one task only: the consumer of an ordered audit.
public final class ReportSink {
    private let file: AtomicFileStream?
    private let console: ((String) -> Void)?
    private var buffer = ""
    /// The first failed write to the file, reported by `close` (writes come from a callback).
    private var failure: FileError?

    /// The console's report stream.
    public init(console write: @escaping (String) -> Void) {
        file = nil
        console = write
    }

    /// Opens the file at once, so an unwritable `--output` fails before any work is done.
    public init(path: String) throws(FileError) {
        file = try AtomicFileStream(path: path)
        console = nil
    }

    public func write(_ text: String) {
        if let file {
            guard failure == nil else { return }
            do { try file.write(text) } catch { failure = error }
            return
        }
        buffer += text
        if buffer.utf8.count > 1 << 16 { flush() }
    }

    private func flush() {
        console?(buffer)
        buffer = ""
    }

    public func close() throws(FileError) {
        if let failure { throw failure }
        if let file { try file.commit() } else { flush() }
    }
}
