import FlagAudit
import Foundation

enum Output {
    static func write(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    static func error(_ text: String, terminator: String = "\n") {
        FileHandle.standardError.write(Data((text + terminator).utf8))
    }
}

/// Collects output in large chunks: to standard output as it goes, or to a file that is
/// replaced whole once the report is complete (`--output`); either way memory stays flat.
final class BufferedOutput {
    private let file: AtomicFileStream?
    private var buffer = ""
    /// The first failed write to the file, reported by `close` (writes come from a callback).
    private var failure: DiagnosticError?

    /// Standard output.
    init() { file = nil }

    /// Opens the file at once, so an unwritable `--output` fails before any work is done.
    init(path: String) throws(DiagnosticError) { file = try AtomicFileStream(path: path) }

    func write(_ text: String) {
        if let file {
            guard failure == nil else { return }
            do { try file.write(text) } catch { failure = error }
            return
        }
        buffer += text
        if buffer.utf8.count > 1 << 16 { flush() }
    }

    private func flush() {
        Output.write(buffer)
        buffer = ""
    }

    func close() throws(DiagnosticError) {
        if let failure { throw failure }
        if let file { try file.commit() } else { flush() }
    }
}
