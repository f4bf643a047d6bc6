/// What counts as white space, one notion per purpose. Each is a different question, and a
/// caller picks the one whose answer it needs rather than writing its own test.
public enum Whitespace {
    /// Prose: Unicode's White_Space property (ASCII space, tab, line feed, vertical tab, form
    /// feed, carriage return; NEL, no-break and typographic spaces, line and paragraph
    /// separators). It separates words and sentences and is what trimming removes.
    @inlinable @inline(__always)
    public static func isProse(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x80 ? scalar.value == 0x20 || (scalar.value >= 0x09 && scalar.value <= 0x0D) : scalar.properties.isWhitespace
    }

    /// YAML's separation: space and tab between tokens, and the line breaks LF and CR (YAML 1.2
    /// `s-white` and `b-char` as libyaml reads them). The only white space a scalar's folding may
    /// change, so the only white space at which a value's text and its source can drift apart.
    @inlinable @inline(__always)
    public static func isYAML(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }

    @inlinable @inline(__always)
    public static func isYAML(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCII && isYAML(UInt8(scalar.value))
    }

    /// Where libyaml ends a line: LF, CR, NEL, U+2028 and U+2029 (a CR before an LF and that LF
    /// are one break, which callers that count lines see to). Line numbers and the lines a
    /// block scalar may hold follow from it.
    @inlinable @inline(__always)
    public static func isYAMLLineBreak(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0A, 0x0D, 0x85, 0x2028, 0x2029: true
        default: false
        }
    }
}
