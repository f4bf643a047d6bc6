import FlagAuditLoading
import FlagAuditModel
import Foundation
import SwiftCSV

/// Rows of a labelled CSV file (a header line, then quoted fields as RFC 4180 writes them).
public enum LabeledRows {
    public static func read(_ path: String, columns: [String]) throws(FileError) -> [[String: String]] {
        let start = SourceLocation.start(of: path)
        let bytes: [UInt8]
        do { bytes = try FileInput.read(path, limit: 256 << 20) } catch { throw FileError(error) }
        let text = String(decoding: bytes, as: UTF8.self)
        let csv: CSV<Named>
        do {
            csv = try CSV<Named>(string: text, delimiter: .comma, loadColumns: false)
        } catch {
            throw FileError(at: start, "not a readable CSV file: \(error)")
        }
        for column in columns where !csv.header.contains(column) {
            throw FileError(at: start, "missing column '\(column)'; the header has \(csv.header.joined(separator: ", "))")
        }
        return csv.rows
    }

    /// The paths given, with each directory replaced by the `.csv` files directly inside it,
    /// in name order: `eval claims ../shared/eval/claims` reads both corpora.
    public static func files(_ paths: [String]) -> [String] {
        paths.flatMap { path -> [String] in
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue,
                let names = try? FileManager.default.contentsOfDirectory(atPath: path)
            else { return [path] }
            let base = path.hasSuffix("/") ? String(path.dropLast()) : path
            return names.filter { $0.lowercased().hasSuffix(".csv") }.sorted().map { base + "/" + $0 }
        }
    }
}
