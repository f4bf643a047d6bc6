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

/// Collects output in large chunks: to standard output as it goes, or into a file written
/// atomically at the end (`--output`).
final class BufferedOutput {
    private let path: String?
    private var buffer = ""
    private var whole = ""

    init(path: String?) { self.path = path }

    func write(_ text: String) {
        if path != nil {
            whole += text
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
        if let path { try AtomicFile.write(whole, to: path) } else { flush() }
    }
}
