extension String {
    /// Lines split at every LF, by Unicode scalar: Swift's Character treats CRLF as one
    /// character, which would leave a Windows file as a single "line". A CR stays at the end of its line.
    public var scalarLines: [String] {
        // On the UTF-8 bytes: a line feed byte is never part of another scalar.
        var text = self
        return text.withUTF8 { utf8 in
            utf8.split(separator: 0x0A, omittingEmptySubsequences: false).map { String(decoding: UnsafeBufferPointer(rebasing: $0), as: UTF8.self) }
        }
    }
}
