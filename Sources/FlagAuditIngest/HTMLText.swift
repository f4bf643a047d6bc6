import Foundation

/// An HTML page as lines of text: scripts, styles, navigation and page furniture dropped with
/// their content, block elements and headings each starting a line, references decoded, runs of
/// spaces collapsed. A scanner, not a parser: malformed markup still gives text, never an error.
enum HTMLText {
    /// Elements dropped with everything inside them.
    static let dropped: Set<String> = ["script", "style", "nav", "noscript", "svg", "template", "iframe", "form", "button", "select", "aside", "footer", "head"]
    /// Elements that start and end a line.
    static let blocks: Set<String> = [
        "p", "div", "br", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "tr", "td", "th", "table", "section",
        "article", "header", "main", "blockquote", "pre", "dd", "dt", "dl", "figcaption", "figure", "hr", "title", "caption",
    ]

    static func text(_ html: String) -> String {
        var lines: [String] = []
        var line = ""
        func endLine() {
            let collapsed = line.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }).joined(separator: " ")
            if !collapsed.isEmpty || lines.last?.isEmpty == false { lines.append(collapsed) }
            line = ""
        }
        var skipping: String?  // the dropped element being skipped, up to its end tag
        var index = html.startIndex
        // The <title> is kept as the first line even though <head> is dropped.
        var title: String?
        while index < html.endIndex {
            guard html[index] == "<" else {
                let next = html[index...].firstIndex(of: "<") ?? html.endIndex
                if skipping == nil { line += MarkupEntities.decode(html[index..<next]) }
                index = next
                continue
            }
            if html[index...].hasPrefix("<!--") {
                index = html[index...].range(of: "-->")?.upperBound ?? html.endIndex
                continue
            }
            let close = html[index...].firstIndex(of: ">") ?? html.endIndex
            let tag = html[html.index(after: index)..<close]
            index = close < html.endIndex ? html.index(after: close) : close
            let isEnd = tag.hasPrefix("/")
            let name = String(tag.drop { $0 == "/" }.prefix { $0.isLetter || $0.isNumber }).lowercased()
            if let element = skipping {
                if isEnd && name == element { skipping = nil }
                if element == "head" && !isEnd && name == "title" {
                    let end = html[index...].range(of: "</title", options: .caseInsensitive)?.lowerBound ?? html.endIndex
                    title = MarkupEntities.decode(html[index..<end])
                    index = end
                }
                continue
            }
            if dropped.contains(name) && !isEnd && !tag.hasSuffix("/") {
                skipping = name
                continue
            }
            if blocks.contains(name) { endLine() }
        }
        endLine()
        while lines.last?.isEmpty == true { lines.removeLast() }
        if let title = title?.split(whereSeparator: \.isWhitespace).joined(separator: " "), !title.isEmpty, lines.first != title {
            lines.insert(contentsOf: [title, ""], at: 0)
        }
        return lines.joined(separator: "\n")
    }
}
