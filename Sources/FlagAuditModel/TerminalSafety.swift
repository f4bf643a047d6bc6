extension String {
    /// The text with every control character written out (`\n`, `\r`, `\t`, `\u{1B}`, ...):
    /// the C0 controls, DEL, the C1 controls, and the line and paragraph separators. What an
    /// entry, a raw text or a file name holds then cannot clear a screen, set a clipboard (OSC
    /// 52), hide a link (OSC 8), or start a line of its own that a CI log reads as a workflow
    /// command (`::error file=...`). A byte of a file name that is not UTF-8 is written `\xE9`
    /// (see `RawPath`). Text without them comes back as it is, without a copy.
    public var terminalSafe: String {
        guard utf8.contains(where: { $0 < 0x20 || $0 == 0x7F || $0 == 0xC2 || $0 == 0xE2 || $0 == 0xF4 }) else { return self }
        var out = ""
        out.reserveCapacity(utf8.count + 8)
        for scalar in unicodeScalars {
            switch scalar.value {
            case 0x0A: out += "\\n"
            case 0x0D: out += "\\r"
            case 0x09: out += "\\t"
            case 0x00..<0x20, 0x7F, 0x80..<0xA0, 0x2028, 0x2029:
                out += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            case RawPath.base...:
                out += "\\x" + String(scalar.value - RawPath.base + 0x80, radix: 16, uppercase: true)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
