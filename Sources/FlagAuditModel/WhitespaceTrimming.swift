
extension String {
    /// The text without white space at either end, as Foundation's
    /// `trimmingCharacters(in: .whitespacesAndNewlines)` has it (Unicode's White_Space scalars
    /// and the zero-width space), done on scalars in place with one copy of the kept slice
    /// (no UTF-16 round trip). `trimmingMeansWhatFoundationMeans` pins the two equal.
    public var trimmedWhitespace: String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !String.isTrimmed($0) }),
            let last = scalars.lastIndex(where: { !String.isTrimmed($0) })
        else { return "" }
        // Copied as a slice of UTF-8 (a scalar view built anew appends scalar by scalar).
        return String(Substring(scalars[first..<scalars.index(after: last)]))
    }

    /// Prose white space, and the zero-width space Foundation adds.
    @inline(__always) private static func isTrimmed(_ scalar: Unicode.Scalar) -> Bool {
        Whitespace.isProse(scalar) || scalar.value == 0x200B
    }
}
