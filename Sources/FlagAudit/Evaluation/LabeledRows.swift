import Foundation
import SwiftCSV

/// Rows of a labelled CSV file (a header line, then quoted fields as RFC 4180 writes them).
public enum LabeledRows {
    public static func read(_ path: String, columns: [String]) throws(DiagnosticError) -> [[String: String]] {
        let start = SourceLocation(path: path, line: 1, column: 1)
        let bytes = try FileInput.read(path, limit: 256 << 20)
        let text = String(decoding: bytes, as: UTF8.self)
        let csv: CSV<Named>
        do {
            csv = try CSV<Named>(string: text, delimiter: .comma, loadColumns: false)
        } catch {
            throw DiagnosticError(Diagnostic(.yamlSyntax, at: start, "not a readable CSV file: \(error)"))
        }
        for column in columns where !csv.header.contains(column) {
            throw DiagnosticError(Diagnostic(
                .schema, at: start, "missing column '\(column)'; the header has \(csv.header.joined(separator: ", "))"))
        }
        return csv.rows
    }
}
