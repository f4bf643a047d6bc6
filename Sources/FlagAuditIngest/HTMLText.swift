import Foundation

/// An HTML page as lines of text: scripts, styles, navigation and page furniture dropped with
/// their content, block elements and headings each starting a line, references decoded, runs of
/// spaces collapsed. A scanner, not a parser: malformed markup still gives text, never an error.
/// It walks Unicode scalars, not characters, so a combining mark after `>` cannot hide a tag's end.
enum HTMLText {
    /// Elements dropped with everything inside them.
    static let dropped: Set<String> = ["script", "style", "nav", "noscript", "svg", "template", "iframe", "button", "select", "aside", "footer", "head"]
    /// Elements that start and end a line.
    static let blocks: Set<String> = [
        "p", "div", "br", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "tr", "td", "th", "table", "section",
        "article", "header", "main", "blockquote", "pre", "dd", "dt", "dl", "figcaption", "figure", "hr", "title", "caption",
        "form", "body",
    ]

    static func text(_ html: String) -> String {
        let scalars = html.unicodeScalars
        var lines: [String] = []
        var line = ""
        func endLine() {
            let collapsed = line.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }).joined(separator: " ")
            if !collapsed.isEmpty || lines.last?.isEmpty == false { lines.append(collapsed) }
            line = ""
        }
        var skipping: String?  // the dropped element being skipped, up to its end tag
        var index = scalars.startIndex
        // The <title> is kept as the first line even though <head> is dropped.
        var title: String?
        while index < scalars.endIndex {
            // A `<` opens markup only before a name, `/`, `!` or `?`: in "p < 0.05" it is text.
            let after = scalars.index(after: index)
            guard scalars[index] == "<", after < scalars.endIndex, isMarkupStart(scalars[after]) else {
                let from = scalars[index] == "<" ? after : index
                let next = scalars[from...].firstIndex(of: "<") ?? scalars.endIndex
                if skipping == nil { line += MarkupEntities.decode(Substring(scalars[index..<next])) }
                index = next
                continue
            }
            if scalars[index...].starts(with: "<!--".unicodeScalars) {
                index = html[index...].range(of: "-->")?.upperBound ?? scalars.endIndex
                continue
            }
            let close = scalars[index...].firstIndex(of: ">") ?? scalars.endIndex
            let tag = Substring(scalars[after..<close])
            index = close < scalars.endIndex ? scalars.index(after: close) : close
            let isEnd = tag.hasPrefix("/")
            let name = String(tag.unicodeScalars.drop { $0 == "/" }.prefix { $0.properties.isAlphabetic || ("0"..."9").contains($0) }).lowercased()
            if let element = skipping {
                // A page that never closes its <head> ends it where its <body> starts.
                if isEnd && name == element || element == "head" && !isEnd && name == "body" { skipping = nil }
                if element == "head" && !isEnd && name == "title" {
                    let end = html[index...].range(of: "</title", options: .caseInsensitive)?.lowerBound ?? scalars.endIndex
                    title = MarkupEntities.decode(Substring(scalars[index..<end]))
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

    private static func isMarkupStart(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "/" || scalar == "!" || scalar == "?" || ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar)
    }
}
