/// Any input as the same located text: the lines screening reads, what they came from, and for
/// a PDF the page each line is on, so a finding at line `n` can say "page 2, line 14".
public struct IngestedText: Sendable, Equatable {
    /// The path as given (`-` is standard input, shown as `<stdin>`).
    public var path: String
    public var format: InputFormat
    public var text: String
    /// For PDFs, the 1-based page of each line of `text` (index 0 is line 1); empty otherwise.
    public var pages: [Int]

    public init(path: String, format: InputFormat, text: String, pages: [Int] = []) {
        self.path = path
        self.format = format
        self.text = text
        self.pages = pages
    }

    /// Where line `line` (1-based) of the text sits in the source: its page and its line on
    /// that page, for PDFs; nil for inputs without pages.
    public func place(ofLine line: Int) -> (page: Int, line: Int)? {
        guard pages.indices.contains(line - 1) else { return nil }
        let page = pages[line - 1]
        let first = pages.firstIndex(of: page) ?? 0
        return (page, line - first)
    }

    public var pageCount: Int { pages.last ?? 0 }
}
