
/// Text made safe for XML and HTML, in element content and in quoted attributes; control
/// characters XML 1.0 forbids are dropped (JUnit consumers reject the whole file otherwise).
public enum MarkupText {
    public static func escape(_ text: String) -> String {
        // U+FFFE and U+FFFF (dropped) start with 0xEF in UTF-8; without that byte, a table does it.
        if !text.utf8.contains(0xEF) { return escapes(text) }
        var output = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": output += "&amp;"
            case "<": output += "&lt;"
            case ">": output += "&gt;"
            case "\"": output += "&quot;"
            case "'": output += "&#39;"
            case "\n", "\t", "\r": output.unicodeScalars.append(scalar)
            case _ where scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF: continue
            default: output.unicodeScalars.append(scalar)
            }
        }
        return output
    }

    private static let escapes: EscapeTable = {
        var escapes: [Unicode.Scalar: String] = ["&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;", "'": "&#39;"]
        for value in UInt8(0)..<0x20 where value != 0x0A && value != 0x09 && value != 0x0D { escapes[Unicode.Scalar(value)] = "" }
        return EscapeTable(escapes)
    }()
}
