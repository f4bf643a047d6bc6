/// What an input file is, read from its first bytes and, for HTML, its name: the bytes decide,
/// so a PDF renamed `.txt` is still read as a PDF.
public enum InputFormat: String, Sendable, CaseIterable {
    case text
    case pdf
    case docx
    case html

    /// The format of `bytes`, or why they cannot be read (a message naming what they look like).
    public static func sniff(_ bytes: [UInt8], name: String) -> Result<InputFormat, Refusal> {
        func starts(_ magic: [UInt8]) -> Bool { bytes.count >= magic.count && Array(bytes[0..<magic.count]) == magic }
        if starts(Array("%PDF-".utf8)) { return .success(.pdf) }
        if starts([0x50, 0x4B, 0x03, 0x04]) { return .success(.docx) }  // a zip: DOCX is checked when opened
        for (magic, refusal) in binaryKinds where starts(magic) { return .failure(refusal) }
        let lower = name.lowercased()
        if lower.hasSuffix(".html") || lower.hasSuffix(".htm") || lower.hasSuffix(".xhtml") { return .success(.html) }
        let opening = String(decoding: bytes.prefix(512), as: UTF8.self).drop { $0.isWhitespace || $0 == "\u{FEFF}" }.lowercased()
        if opening.hasPrefix("<!doctype html") || opening.hasPrefix("<html") { return .success(.html) }
        if opening.hasPrefix("{\\rtf") { return .failure(Refusal(what: "an RTF document", advice: "save it as .docx, PDF or plain text")) }
        if starts([0xFF, 0xFE]) || starts([0xFE, 0xFF]) {
            return .failure(Refusal(what: "a UTF-16 text", advice: "save it as UTF-8 (or give the PDF or DOCX)"))
        }
        // A NUL early on is no text of any kind this reads; later ones are left to the text
        // preflight, which locates them.
        if bytes.prefix(1024).contains(0) { return .failure(Refusal(what: "binary data of a kind not recognised")) }
        return .success(.text)
    }

    /// Why a file is not read, and what the editor can do.
    public struct Refusal: Error, Sendable, Equatable {
        public var what: String
        public var advice: String = "give a text, PDF, DOCX or HTML file"
        public var message: String { "cannot screen \(what): \(advice)" }
    }

    /// Binary files editors drop by mistake, by their signatures.
    private static let binaryKinds: [([UInt8], Refusal)] = [
        ([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1], Refusal(what: "a Word 97–2003 (.doc) file", advice: "save it as .docx or PDF")),
        ([0x89, 0x50, 0x4E, 0x47], Refusal(what: "a PNG image")),
        ([0xFF, 0xD8, 0xFF], Refusal(what: "a JPEG image")),
        (Array("GIF8".utf8), Refusal(what: "a GIF image")),
        ([0x1F, 0x8B], Refusal(what: "a gzip archive")),
        ([0x7F, 0x45, 0x4C, 0x46], Refusal(what: "an ELF executable")),
        (Array("Rar!".utf8), Refusal(what: "a RAR archive")),
        ([0x37, 0x7A, 0xBC, 0xAF, 0x27, 0x1C], Refusal(what: "a 7-Zip archive")),
        (Array("II*\0".utf8), Refusal(what: "a TIFF image")),
        (Array("MM\0*".utf8), Refusal(what: "a TIFF image")),
    ]
}
