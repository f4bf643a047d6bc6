import Foundation

/// A Word document (`.docx`) as lines of text, one per paragraph, read from its
/// `word/document.xml` with no external tool. Its document is inflated only up to `limit`
/// bytes, whatever size the archive claims: a zip bomb stops there. The archive is read by
/// `ZipArchive`, which checks every offset against the bytes: ZIPFoundation's in-memory reader
/// trapped on offsets past the end of a damaged archive, and its inflation on Linux never ends
/// on a cut-off stream (a truncated download), which would hold a desk thread for ever.
enum DOCXText {
    static func text(_ bytes: [UInt8], limit: Int) throws(ZipArchive.Failure) -> String {
        paragraphs(String(decoding: try ZipArchive.file(named: "word/document.xml", in: bytes, limit: limit), as: UTF8.self))
    }

    /// The text of `<w:t>` runs, paragraph by paragraph (`</w:p>`), with `<w:tab/>` as a space
    /// and `<w:br/>` as a new line, `<w:noBreakHyphen/>` as a hyphen. Deleted text (`<w:delText>`) is not a `<w:t>` and is left out.
    static func paragraphs(_ xml: String) -> String {
        let scalars = xml.unicodeScalars
        var lines: [String] = []
        var line = ""
        var index = scalars.startIndex
        var inText = false
        while index < scalars.endIndex {
            guard scalars[index] == "<" else {
                let next = scalars[index...].firstIndex(of: "<") ?? scalars.endIndex
                if inText { line += MarkupEntities.decode(Substring(scalars[index..<next])) }
                index = next
                continue
            }
            let close = scalars[index...].firstIndex(of: ">") ?? scalars.endIndex
            let tag = Substring(scalars[scalars.index(after: index)..<close])
            index = close < scalars.endIndex ? scalars.index(after: close) : close
            let name = (tag.hasSuffix("/") ? tag.dropLast() : tag).prefix { !$0.isWhitespace }
            switch name {
            case "w:t": inText = !tag.hasSuffix("/")  // `<w:t/>` is an empty run
            case "/w:t": inText = false
            case "w:tab": line += " "
            case "w:noBreakHyphen": line += "-"  // as in "double-blind"
            case "w:br", "w:cr": lines.append(line); line = ""
            case "/w:p":
                lines.append(line)
                lines.append("")
                line = ""
            default: break
            }
        }
        if !line.isEmpty { lines.append(line) }
        while lines.last?.isEmpty == true { lines.removeLast() }
        return lines.joined(separator: "\n")
    }
}
