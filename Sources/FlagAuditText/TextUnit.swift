
/// What text analysis reads a text as: its Unicode scalars, or, for a text that is all ASCII,
/// its UTF-8 bytes, which are then the same scalars at the same offsets without an array of
/// four-byte scalars made first. Splitting and tokenizing are written once for both.
protocol TextUnit {
    var scalar: Unicode.Scalar { get }
}

extension Unicode.Scalar: TextUnit {
    @inline(__always) var scalar: Unicode.Scalar { self }
}

extension UInt8: TextUnit {
    /// Only for bytes of an all-ASCII text (`TextUnits.isASCII`).
    @inline(__always) var scalar: Unicode.Scalar { Unicode.Scalar(self) }
}

enum TextUnits {
    static func isASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var any: UInt8 = 0
        for byte in bytes { any |= byte }
        return any < 0x80
    }
}
