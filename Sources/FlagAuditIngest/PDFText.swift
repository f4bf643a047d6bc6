import FlagAuditModel
import Foundation

/// A PDF's text through Poppler's `pdftotext -layout`, run with a time and an output limit,
/// then repaired: running headers and footers (a line that tops or ends most pages, page numbers
/// aside) are blanked, and a word hyphenated across a line end is joined on the first line.
/// Lines are blanked or shortened, never removed, so line `n` of the text is line `n` of
/// `pdftotext`'s output and `pages` says which page each is on.
enum PDFText {
    enum Failure: Error, Equatable {
        case noPoppler
        case failed(status: Int32, message: String)
        case timedOut(seconds: Int)
        case tooLarge(limit: Int)
        case cannotStart(String)
    }

    /// The `pdftotext` on `PATH`, if any.
    static func pdftotext(searching path: String?) -> String? {
        for folder in (path ?? "/usr/bin:/bin").split(separator: ":") where !folder.isEmpty {
            let candidate = String(folder) + "/pdftotext"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// Runs `tool` (a `pdftotext`) on the file at `path`: its standard output read as it comes,
    /// the whole process group killed when it passes `limit` bytes or `seconds`.
    static func extract(path: String, tool: String?, limit: Int, seconds: Int) throws(Failure) -> [UInt8] {
        guard let tool else { throw .noPoppler }
        // A file name that starts with "-" must not read as an option.
        let file = path.hasPrefix("-") ? "./" + path : path
        let child: BoundedChild.Outcome
        do {
            child = try BoundedChild.run(tool, arguments: ["-layout", "-enc", "UTF-8", "-q", file, "-"], limit: limit, seconds: seconds)
        } catch {
            throw .cannotStart(error.reason)
        }
        switch child {
        case .finished(let status, let output, let errors):
            guard status == 0 else {
                let message = String(decoding: errors.prefix(400), as: UTF8.self)
                throw .failed(status: status, message: message.trimmingCharacters(in: .whitespacesAndNewlines))
            }
            return output
        case .timedOut: throw .timedOut(seconds: seconds)
        case .tooLarge: throw .tooLarge(limit: limit)
        }
    }

    /// `pdftotext`'s pages (split at form feeds) as repaired lines, with the page of each.
    static func repair(_ text: String) -> (lines: [String], pages: [Int]) {
        var pageLines: [[String]] = text.split(separator: "\u{0C}", omittingEmptySubsequences: false).map {
            $0.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        }
        // A form feed ends every page, the last one too: what follows it is no page.
        if pageLines.count > 1, pageLines.last?.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) == true {
            pageLines.removeLast()
        }
        blankFurniture(&pageLines)
        var lines: [String] = []
        var pages: [Int] = []
        for (number, page) in pageLines.enumerated() {
            // A page's last line ends with a newline before the form feed: no line follows it.
            let page = page.last == "" ? Array(page.dropLast()) : page
            lines.append(contentsOf: page)
            pages.append(contentsOf: repeatElement(number + 1, count: page.count))
        }
        joinHyphenation(&lines)
        return (lines, pages)
    }

    /// How a header or footer line is compared across pages: digits stand for any number.
    static func shape(_ line: String) -> String {
        String(line.split(whereSeparator: \.isWhitespace).joined(separator: " ").map { $0.isNumber ? "#" : $0 })
    }

    private static func blankFurniture(_ pages: inout [[String]]) {
        func edges(_ page: [String]) -> [Int] {
            let filled = page.indices.filter { !page[$0].trimmingCharacters(in: .whitespaces).isEmpty }
            return Array(Set(filled.prefix(2) + filled.suffix(2))).sorted()
        }
        var counts: [String: Int] = [:]
        for page in pages { for shape in Set(edges(page).map { shape(page[$0]) }) { counts[shape, default: 0] += 1 } }
        let pageNumber = /^(page\s*)?#+(\s*(of|\/)\s*#+)?$/.ignoresCase()
        for index in pages.indices {
            for line in edges(pages[index]) {
                let shape = shape(pages[index][line])
                let repeated = pages.count >= 2 && counts[shape, default: 0] >= max(2, (pages.count + 1) / 2)
                if repeated || shape.wholeMatch(of: pageNumber) != nil { pages[index][line] = "" }
            }
        }
    }

    /// "treat-" at a line's end and "ment of pain" on the next text line: "treatment" ends the
    /// first, "of pain" stays on the second, indented as it was.
    private static func joinHyphenation(_ lines: inout [String]) {
        for index in lines.indices {
            let line = lines[index]
            guard line.count >= 3, line.hasSuffix("-"), let before = line.dropLast().last, before.isLetter,
                let next = lines[(index + 1)...].firstIndex(where: { !$0.trimmingCharacters(in: .whitespaces).isEmpty }),
                next <= index + 2
            else { continue }
            let following = lines[next]
            let indent = following.prefix { $0 == " " }
            let rest = following.dropFirst(indent.count)
            guard let first = rest.first, first.isLowercase else { continue }
            let word = rest.prefix { !$0.isWhitespace }
            lines[index] = String(line.dropLast()) + word
            lines[next] = String(indent) + rest.dropFirst(word.count).drop { $0 == " " }
        }
    }
}
