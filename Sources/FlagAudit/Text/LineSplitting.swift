extension String {
    /// Lines split at every LF, by Unicode scalar: Swift's Character treats CRLF as one
    /// character, which would leave a Windows file as a single "line". A CR stays at the end of its line.
    public var scalarLines: [String] {
        unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false).map { String(String.UnicodeScalarView($0)) }
    }
}
