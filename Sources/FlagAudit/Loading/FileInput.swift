import Foundation

/// Reads input files with a size bound, turning I/O failures into located diagnostics.
public enum FileInput {
    public static func read(_ path: String, limit: Int) throws(DiagnosticError) -> [UInt8] {
        let start = SourceLocation(path: path, line: 1, column: 1)
        // Why a read failed is asked only once it has failed: no extra system call per file.
        func failure(_ otherwise: String) -> DiagnosticError {
            var isDirectory: ObjCBool = false
            let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
            let reason = isDirectory.boolValue ? "it is a directory" : exists ? otherwise : "no such file"
            return DiagnosticError(Diagnostic(.inputLimit, at: start, "cannot read file: \(reason)"))
        }
        guard let handle = FileHandle(forReadingAtPath: path) else { throw failure("permission denied") }
        defer { try? handle.close() }
        do {
            // Read one byte past the limit: enough to know it is too large without loading it all.
            let data = try handle.read(upToCount: limit + 1) ?? Data()
            if data.count > limit {
                throw DiagnosticError(Diagnostic(.inputLimit, at: start, "file is larger than the limit of \(limit) bytes"))
            }
            return [UInt8](data)
        } catch let error as DiagnosticError {
            throw error
        } catch {
            throw failure(error.localizedDescription)
        }
    }
}
