import FlagAuditModel
import FlagAuditText
import Foundation

/// Scores the sample-size extractor against abstracts labelled with the number enrolled.
public struct SampleSizeEvaluation: Sendable {
    public static let columns = ["abstract", "enrolled_total"]

    public struct Outcome: Sendable {
        public var id: String
        public var expected: Int
        public var found: SampleSizeExtractor.Candidate?
        public var candidates: [SampleSizeExtractor.Candidate]

        public var isExact: Bool { found?.value == expected }
        public var isAbstention: Bool { found == nil }
    }

    public var extractor: SampleSizeExtractor

    public init(extractor: SampleSizeExtractor) { self.extractor = extractor }

    public func evaluate(_ path: String) throws(FileError) -> [Outcome] {
        let rows = try LabeledRows.read(path, columns: SampleSizeEvaluation.columns)
        var outcomes: [Outcome] = []
        for (index, row) in rows.enumerated() {
            guard let expected = Int(row["enrolled_total"]?.trimmedWhitespace ?? "") else {
                throw FileError(at: SourceLocation(path: path, line: index + 2, column: 1), "row \(index + 1): enrolled_total must be a whole number")
            }
            let candidates = extractor.candidates(in: row["abstract"] ?? "")
            outcomes.append(Outcome(
                id: row["pmid"] ?? String(index + 1), expected: expected, found: extractor.best(among: candidates), candidates: candidates))
        }
        return outcomes
    }

    public static func summary(_ outcomes: [Outcome]) -> String {
        let n = Double(max(1, outcomes.count))
        let exact = outcomes.filter(\.isExact).count
        let abstained = outcomes.filter(\.isAbstention).count
        let wrong = outcomes.count - exact - abstained
        func percent(_ count: Int) -> String { String(format: "%.3f", Double(count) / n) }
        return """
            abstracts \(outcomes.count)
              exact match  \(percent(exact))  (\(exact))
              abstained    \(percent(abstained))  (\(abstained))
              wrong number \(percent(wrong))  (\(wrong))

            """
    }
}
