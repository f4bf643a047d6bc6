import Foundation

/// Writes a whole file or nothing: a temporary file in the same directory, then a rename,
/// so a reader (or a crash) never sees half a report.
public enum AtomicFile {
    public static func write(_ text: String, to path: String) throws(DiagnosticError) {
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw DiagnosticError(Diagnostic(
                .inputLimit, at: SourceLocation(path: path, line: 1, column: 1), "cannot write file: \(error.localizedDescription)"))
        }
    }
}
