/// Character references of HTML and XML (`&amp;`, `&#233;`, `&#x2009;`) turned back into text.
/// Only the named references common in articles are known; an unknown one is kept as written.
enum MarkupEntities {
    static func decode(_ text: Substring) -> String {
        guard text.contains("&") else { return String(text) }
        var out = ""
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            guard character == "&", let semicolon = text[index...].prefix(12).firstIndex(of: ";") else {
                out.append(character)
                index = text.index(after: index)
                continue
            }
            let name = text[text.index(after: index)..<semicolon]
            if let scalar = scalar(for: name) {
                out.unicodeScalars.append(scalar)
                index = text.index(after: semicolon)
            } else {
                out.append(character)
                index = text.index(after: index)
            }
        }
        return out
    }

    private static func scalar(for name: Substring) -> Unicode.Scalar? {
        if name.hasPrefix("#x") || name.hasPrefix("#X") {
            return UInt32(name.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init)
        }
        if name.hasPrefix("#") { return UInt32(name.dropFirst()).flatMap(Unicode.Scalar.init) }
        return named[String(name)]
    }

    private static let named: [String: Unicode.Scalar] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": "\u{00A0}", "thinsp": "\u{2009}",
        "ensp": "\u{2002}", "emsp": "\u{2003}", "ndash": "\u{2013}", "mdash": "\u{2014}", "hellip": "\u{2026}",
        "lsquo": "\u{2018}", "rsquo": "\u{2019}", "ldquo": "\u{201C}", "rdquo": "\u{201D}", "laquo": "\u{00AB}",
        "raquo": "\u{00BB}", "middot": "\u{00B7}", "bull": "\u{2022}", "deg": "\u{00B0}", "plusmn": "\u{00B1}",
        "times": "\u{00D7}", "le": "\u{2264}", "ge": "\u{2265}", "ne": "\u{2260}", "asymp": "\u{2248}",
        "alpha": "\u{03B1}", "beta": "\u{03B2}", "gamma": "\u{03B3}", "delta": "\u{03B4}", "mu": "\u{03BC}",
        "chi": "\u{03C7}", "copy": "\u{00A9}", "reg": "\u{00AE}", "trade": "\u{2122}", "shy": "\u{00AD}",
        "eacute": "\u{00E9}", "egrave": "\u{00E8}", "auml": "\u{00E4}", "ouml": "\u{00F6}", "uuml": "\u{00FC}",
        "szlig": "\u{00DF}", "aacute": "\u{00E1}", "iacute": "\u{00ED}", "oacute": "\u{00F3}", "uacute": "\u{00FA}",
        "ntilde": "\u{00F1}", "ccedil": "\u{00E7}", "minus": "\u{2212}", "prime": "\u{2032}",
    ]
}
