import FlagAuditModel

/// A text cut into runs for the desk's page: plain runs, and marked runs that carry the labels
/// (an extracted field, a finding) whose evidence sentence covers them. A sentence is found from
/// its evidence's line and column and matched scalar by scalar, any run of white space matching
/// any other, so a sentence broken over lines is still found; one not found is not marked.
struct TextHighlight: Sendable, Equatable {
    struct Run: Sendable, Equatable {
        var text: String
        /// Labels of the evidence covering the run, in the order they were given.
        var labels: [String]
        /// Labels whose evidence starts with this run (where a link to them lands).
        var starts: [String]
    }

    var runs: [Run]

    init(text: String, evidence: [(label: String, location: SourceLocation, excerpt: String)]) {
        let scalars = Array(text.unicodeScalars)
        var lineStarts = [0]
        for (index, scalar) in scalars.enumerated() where scalar == "\n" { lineStarts.append(index + 1) }
        var spans: [(label: String, range: Range<Int>)] = []
        for item in evidence {
            let line = item.location.line - 1
            guard lineStarts.indices.contains(line) else { continue }
            let start = lineStarts[line] + item.location.column - 1
            guard start < scalars.count, let end = TextHighlight.match(Array(item.excerpt.unicodeScalars), in: scalars, from: start) else { continue }
            spans.append((item.label, start..<end))
        }
        var cuts = Set([0, scalars.count])
        for span in spans { cuts.insert(span.range.lowerBound); cuts.insert(span.range.upperBound) }
        let bounds = cuts.sorted()
        var runs: [Run] = []
        for (from, to) in zip(bounds, bounds.dropFirst()) where from < to {
            let covering = spans.filter { $0.range.lowerBound <= from && to <= $0.range.upperBound }
            var piece = String.UnicodeScalarView()
            piece.append(contentsOf: scalars[from..<to])
            runs.append(Run(text: String(piece), labels: covering.map(\.label), starts: covering.filter { $0.range.lowerBound == from }.map(\.label)))
        }
        self.runs = runs
    }

    /// Where `excerpt` ends when it is read from `start` of `text`, or nil when it is not there.
    static func match(_ excerpt: [Unicode.Scalar], in text: [Unicode.Scalar], from start: Int) -> Int? {
        func isSpace(_ scalar: Unicode.Scalar) -> Bool { scalar.properties.isWhitespace }
        var i = start, j = 0
        while j < excerpt.count {
            if isSpace(excerpt[j]) {
                guard i < text.count, isSpace(text[i]) else { return nil }
                while j < excerpt.count, isSpace(excerpt[j]) { j += 1 }
                while i < text.count, isSpace(text[i]) { i += 1 }
                continue
            }
            // An excerpt clipped with "…" matches up to the clip.
            if excerpt[j] == "…" && j == excerpt.count - 1 { return i }
            guard i < text.count, text[i] == excerpt[j] else { return nil }
            i += 1
            j += 1
        }
        return i > start ? i : nil
    }
}
