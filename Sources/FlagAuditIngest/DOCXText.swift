import Foundation
import ZIPFoundation

/// A Word document (`.docx`) as lines of text, one per paragraph, read from its
/// `word/document.xml` with no external tool. The archive is opened in memory, and its document
/// is inflated only up to `limit` bytes, whatever size the archive claims: a zip bomb stops there.
enum DOCXText {
    enum Failure: Error, Equatable {
        case notAnArchive
        case notWord
        case tooLarge(limit: Int)
        case unreadable
    }

    static func text(_ bytes: [UInt8], limit: Int) throws(Failure) -> String {
        let archive: Archive
        do { archive = try Archive(data: Data(bytes), accessMode: .read) } catch { throw .notAnArchive }
        guard let entry = archive["word/document.xml"] else { throw .notWord }
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
    /// and `<w:br/>` as a new line. Deleted text (`<w:delText>`) is not a `<w:t>` and is left out.
    static func paragraphs(_ xml: String) -> String {
        var lines: [String] = []
        var line = ""
        var index = xml.startIndex
        var inText = false
        while index < xml.endIndex {
            guard xml[index] == "<" else {
                let next = xml[index...].firstIndex(of: "<") ?? xml.endIndex
                if inText { line += MarkupEntities.decode(xml[index..<next]) }
                index = next
                continue
            }
            let close = xml[index...].firstIndex(of: ">") ?? xml.endIndex
            let tag = xml[xml.index(after: index)..<close]
            index = close < xml.endIndex ? xml.index(after: close) : close
            let name = (tag.hasSuffix("/") ? tag.dropLast() : tag).prefix { !$0.isWhitespace }
            switch name {
            case "w:t": inText = !tag.hasSuffix("/")  // `<w:t/>` is an empty run
            case "/w:t": inText = false
            case "w:tab": line += " "
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
