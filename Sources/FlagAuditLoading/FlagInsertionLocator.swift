import FlagAuditModel
import Foundation

/// Finds where an entry takes more method flags, in the style its author wrote: after the last
/// item of a block list, inside a flow list's brackets, on an empty key, as a new key under
/// `tags:`, or as a new `tags:` block at the end. Only the lines around the keys are read.
struct FlagInsertionLocator {
    let lines: SourceLines
    let path: String

    func locate(methodFlagsKey: SourceLocation?, tagsKey: SourceLocation?) -> FlagInsertion {
        // Text written into the file ends its lines with LF (CR LF where the file uses it);
        // a file that ends lines with a CR alone would be left with two kinds of line.
        if lines.endsLinesWithCR {
            return .refused("the file breaks a line with a carriage return alone, which --fix does not edit; add the flags by hand")
        }
        // The keys are where libyaml says: a line that does not start there with the key is a
        // sign the two disagree on lines, and nothing is written.
        for (key, name) in [(methodFlagsKey, "method_flags"), (tagsKey, "tags")] {
            guard let key else { continue }
            let line = key.line - 1 < lines.count ? lines.scalars(ofLine: key.line - 1) : []
            guard key.column - 1 <= line.count, line[(key.column - 1)...].starts(with: name.unicodeScalars) else {
                return .refused("\(name) is not where the YAML reader put it; add the flags by hand")
            }
        }
        let cr = lines.usesCRLF ? "\r" : ""
        if let key = methodFlagsKey {
            return list(keyLine: key.line - 1, keyColumn: key.column - 1, cr: cr)
        }
        if let tags = tagsKey {
            let index = tags.line - 1
            let line = lines.scalars(ofLine: index)
            guard FlagInsertionLocator.valuePart(line, after: tags.column - 1).isEmpty else {
                return .refused("tags is written inline; add the flags by hand")
            }
            let parentIndent = FlagInsertionLocator.indent(line)
            var childIndent = parentIndent + 2
            for next in (index + 1)..<max(index + 1, lines.count) {
                let scalars = lines.scalars(ofLine: next)
                if FlagInsertionLocator.isBlankOrComment(scalars) { continue }
                if FlagInsertionLocator.indent(scalars) > parentIndent { childIndent = FlagInsertionLocator.indent(scalars) }
                break
            }
            let end = place(index, line.count)
            return .edit(
                start: end, end: end, original: "",
                prefix: "\n" + String(repeating: " ", count: childIndent) + "method_flags: [", separator: ", ", suffix: "]" + cr)
        }
        let last = lines.count - 1
        let line = lines.scalars(ofLine: last)
        let end = place(last, line.count)
        let block = "tags:" + cr + "\n  method_flags: ["
        return .edit(start: end, end: end, original: "", prefix: line.isEmpty ? block : cr + "\n" + block, separator: ", ", suffix: "]" + cr + "\n")
    }

    private func list(keyLine: Int, keyColumn: Int, cr: String) -> FlagInsertion {
        let keyScalars = lines.scalars(ofLine: keyLine)
        var rest = FlagInsertionLocator.valuePart(keyScalars, after: keyColumn)
        // An anchor names the list (`method_flags: &flags [...]`); the list is what follows it.
        if rest.hasPrefix("&") {
            rest = String(String.UnicodeScalarView(rest.unicodeScalars.drop { !Whitespace.isYAML($0) }.drop(while: Whitespace.isYAML)))
        }
        if rest.hasPrefix("[") {
            // A flow list: the flags go before the closing bracket, wherever it is.
            for index in keyLine..<lines.count {
                let scalars = index == keyLine ? keyScalars : lines.scalars(ofLine: index)
                let from = index == keyLine ? keyColumn : 0
                guard let close = FlagInsertionLocator.closingBracket(in: scalars, from: from) else { continue }
                let open = index == keyLine ? scalars[from..<close].firstIndex(of: "[") : nil
                let inside = scalars[(open.map { $0 + 1 } ?? 0)..<close]
                if index == keyLine, let open, inside.allSatisfy({ $0 == " " }) {
                    return .edit(
                        start: place(index, open + 1), end: place(index, close), original: String(String.UnicodeScalarView(inside)),
                        prefix: "", separator: ", ", suffix: "")
                }
                if index != keyLine && scalars[..<close].allSatisfy({ $0 == " " }) {
                    return afterLastFlowItem(before: index, keyLine: keyLine)
                }
                var at = close
                while at > 0 && scalars[at - 1] == " " { at -= 1 }
                return .edit(start: place(index, at), end: place(index, at), original: "", prefix: ", ", separator: ", ", suffix: "")
            }
            return .refused("could not find the end of the method_flags list")
        }
        // A block list: after its last item, continuation lines included.
        let keyIndent = FlagInsertionLocator.indent(keyScalars)
        var last: (index: Int, length: Int)?
        var itemIndent: Int?
        for index in (keyLine + 1)..<max(keyLine + 1, lines.count) {
            let scalars = lines.scalars(ofLine: index)
            if FlagInsertionLocator.isBlankOrComment(scalars) { continue }
            let indent = FlagInsertionLocator.indent(scalars)
            let dash = scalars.count > indent && scalars[indent] == "-"
                && (scalars.count == indent + 1 || scalars[indent + 1] == " " || (scalars.count == indent + 2 && scalars[indent + 1] == "\r"))
            if dash, indent >= keyIndent, itemIndent == nil || indent == itemIndent {
                itemIndent = indent
                last = (index, scalars.count)
            } else if let itemIndent, indent > itemIndent {
                last = (index, scalars.count)
            } else {
                break
            }
        }
        if let last, let itemIndent {
            let item = "\n" + String(repeating: " ", count: itemIndent) + "- "
            let end = place(last.index, last.length)
            return .edit(start: end, end: end, original: "", prefix: item, separator: cr + item, suffix: cr)
        }
        if rest.hasPrefix("*") {
            let alias = String(String.UnicodeScalarView(rest.unicodeScalars.prefix { !Whitespace.isYAML($0) }))
            return .refused("method_flags is an alias (\(alias)); add the flags where its anchor is")
        }
        guard rest.isEmpty || rest.hasPrefix("#") || rest == "null" || rest == "~" else {
            return .refused("method_flags is not a list")
        }
        // An empty key: the list goes inline, before any comment.
        var scalars = keyScalars
        if scalars.last == "\r" { scalars.removeLast() }
        guard let colon = scalars[min(keyColumn, scalars.count)...].firstIndex(of: ":") else {
            return .refused("method_flags is not written as 'method_flags:' on one line; add the flags by hand")
        }
        var tail = scalars[(colon + 1)...].drop { $0 == " " }
        let tailText = String(String.UnicodeScalarView(tail))
        if tailText == "null" || tailText == "~" { tail = [] }
        return .edit(
            start: place(keyLine, colon + 1), end: place(keyLine, scalars.count),
            original: String(String.UnicodeScalarView(scalars[(colon + 1)...])),
            prefix: " [", separator: ", ", suffix: "]" + (tail.isEmpty ? "" : "  " + String(String.UnicodeScalarView(tail))))
    }

    /// A flow list whose `]` stands alone on its line: the flags go at the end of the last
    /// line with an item, before its comment, so the layout stays as it is.
    private func afterLastFlowItem(before closeLine: Int, keyLine: Int) -> FlagInsertion {
        var index = closeLine - 1
        while index > keyLine && FlagInsertionLocator.isBlankOrComment(lines.scalars(ofLine: index)) { index -= 1 }
        let scalars = lines.scalars(ofLine: index)
        var end = FlagInsertionLocator.commentStart(in: scalars, from: 0) ?? scalars.count
        while end > 0 && (scalars[end - 1] == " " || scalars[end - 1] == "\t" || scalars[end - 1] == "\r") { end -= 1 }
        let last = end > 0 ? scalars[end - 1] : "["
        let prefix = last == "[" ? "" : last == "," ? " " : ", "
        return .edit(start: place(index, end), end: place(index, end), original: "", prefix: prefix, separator: ", ", suffix: "")
    }

    /// Where a comment starts on a line (a `#` first or after a space or tab, outside quotes).
    static func commentStart(in scalars: [Unicode.Scalar], from start: Int) -> Int? {
        scan(scalars, from: start, stopAtBracket: false).comment
    }

    /// A 0-based line and column as a location.
    private func place(_ line: Int, _ column: Int) -> SourceLocation {
        SourceLocation(path: path, line: line + 1, column: column + 1)
    }

    /// What follows `key:` on a line, without the YAML white space around it (a carriage return
    /// included).
    static func valuePart(_ scalars: [Unicode.Scalar], after column: Int) -> String {
        guard let colon = scalars[min(column, scalars.count)...].firstIndex(of: ":") else { return "" }
        var value = scalars[(colon + 1)...].drop(while: Whitespace.isYAML)
        while let last = value.last, Whitespace.isYAML(last) { value.removeLast() }
        return String(String.UnicodeScalarView(value))
    }

    /// The `]` closing a flow list, outside quotes and before any comment.
    static func closingBracket(in scalars: [Unicode.Scalar], from start: Int) -> Int? {
        scan(scalars, from: start, stopAtBracket: true).close
    }

    /// One walk over a line from `start`, outside quotes, to where a comment starts or (with
    /// `stopAtBracket`) to a `]` before it.
    private static func scan(_ scalars: [Unicode.Scalar], from start: Int, stopAtBracket: Bool) -> (close: Int?, comment: Int?) {
        var quote: Unicode.Scalar?
        for index in start..<max(start, scalars.count) {
            let scalar = scalars[index]
            if let open = quote {
                if scalar == open { quote = nil }
            } else if scalar == "\"" || scalar == "'" {
                quote = scalar
            } else if scalar == "#" && (index == 0 || scalars[index - 1] == " " || scalars[index - 1] == "\t") {
                return (nil, index)
            } else if scalar == "]" && stopAtBracket {
                return (index, nil)
            }
        }
        return (nil, nil)
    }

    static func indent(_ scalars: [Unicode.Scalar]) -> Int { scalars.prefix { $0 == " " }.count }

    static func isBlankOrComment(_ scalars: [Unicode.Scalar]) -> Bool {
        guard let first = scalars.first(where: { !Whitespace.isYAML($0) }) else { return true }
        return first == "#"
    }
}
