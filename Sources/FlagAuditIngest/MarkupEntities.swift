/// Character references of HTML and XML (`&amp;`, `&#233;`, `&#x2009;`) turned back into text.
/// Only the named references common in articles are known; an unknown one is kept as written.
enum MarkupEntities {
    static func decode(_ text: Substring) -> String {
        guard text.contains("&") else { return String(text) }
        let scalars = text.unicodeScalars
        var out = String.UnicodeScalarView()
        var index = scalars.startIndex
        while index < scalars.endIndex {
            let scalar = scalars[index]
            guard scalar == "&", let semicolon = scalars[index...].prefix(12).firstIndex(of: ";") else {
                out.append(scalar)
                index = scalars.index(after: index)
                continue
            }
            if let decoded = self.scalar(for: String(scalars[scalars.index(after: index)..<semicolon])) {
                out.append(decoded)
                index = scalars.index(after: semicolon)
            } else {
                out.append(scalar)
                index = scalars.index(after: index)
            }
        }
        return String(out)
    }

    /// A numeric reference as HTML reads it: digits only (no sign), NUL, surrogates and values
    /// beyond Unicode become U+FFFD, and 128–159 are the Windows-1252 characters pages mean by them.
    private static func scalar(for name: String) -> Unicode.Scalar? {
        let digits: Substring
        let radix: Int
        if name.hasPrefix("#x") || name.hasPrefix("#X") {
            (digits, radix) = (name.dropFirst(2), 16)
        } else if name.hasPrefix("#") {
            (digits, radix) = (name.dropFirst(), 10)
        } else {
            return named[name]
        }
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isHexDigit && (radix == 16 || $0.isNumber) }) else { return nil }
        guard let value = UInt32(digits, radix: radix), value != 0 else { return "\u{FFFD}" }
        if (128...159).contains(value), let mapped = windows1252[value] { return mapped }
        return Unicode.Scalar(value) ?? "\u{FFFD}"
    }

    /// What 128–159 mean in Windows-1252, where they are characters (the rest are controls).
    private static let windows1252: [UInt32: Unicode.Scalar] = [
        128: "\u{20AC}", 130: "\u{201A}", 131: "\u{0192}", 132: "\u{201E}", 133: "\u{2026}", 134: "\u{2020}", 135: "\u{2021}",
        136: "\u{02C6}", 137: "\u{2030}", 138: "\u{0160}", 139: "\u{2039}", 140: "\u{0152}", 142: "\u{017D}", 145: "\u{2018}",
        146: "\u{2019}", 147: "\u{201C}", 148: "\u{201D}", 149: "\u{2022}", 150: "\u{2013}", 151: "\u{2014}", 152: "\u{02DC}",
        153: "\u{2122}", 154: "\u{0161}", 155: "\u{203A}", 156: "\u{0153}", 158: "\u{017E}", 159: "\u{0178}",
    ]

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
