import Foundation
import ZIPFoundation

/// A Word document (`.docx`) as lines of text, one per paragraph, read from its
/// `word/document.xml` with no external tool. Its document is inflated only up to `limit` bytes,
/// whatever size the archive claims: a zip bomb stops there. The archive is read from a file, not
/// from memory: ZIPFoundation's in-memory reader traps on offsets past the end of a damaged
/// archive, where reading a file just comes up short and is refused.
enum DOCXText {
    enum Failure: Error, Equatable {
        case notAnArchive
        case notWord
        case tooLarge(limit: Int)
        case unreadable
    }

    static func text(path: String, limit: Int) throws(Failure) -> String {
        let archive: Archive
        do { archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .read) } catch { throw .notAnArchive }
        guard let entry = archive["word/document.xml"] else { throw .notWord }
        guard entry.type == .file else { throw .unreadable }
        guard entry.uncompressedSize <= UInt64(limit) else { throw .tooLarge(limit: limit) }
        var xml: [UInt8] = []
        do {
            _ = try archive.extract(entry, skipCRC32: false) { chunk in
                guard xml.count + chunk.count <= limit else { throw Failure.tooLarge(limit: limit) }
                xml.append(contentsOf: chunk)
            }
        } catch let failure as Failure {
            throw failure
        } catch {
            throw .unreadable
        }
        return paragraphs(String(decoding: xml, as: UTF8.self))
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
