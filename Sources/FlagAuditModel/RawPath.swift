import Foundation

/// File names are bytes and Swift strings are Unicode: a name that is not UTF-8 (`caf\xE9.yaml`,
/// written by a Latin-1 system) is carried in a `String` without loss. Each byte of an invalid
/// sequence becomes one of U+10FF80…U+10FFFF, the last private-use code points, which no name
/// written by a person holds, and turns back into that byte at every system call
/// (`withCString`). People see it as `\xE9` (`terminalSafe`); a URI percent-encodes the byte.
/// A valid UTF-8 name is its own string: nothing changes for it.
public enum RawPath {
    /// The first code point that stands for a byte: byte `b` (0x80…0xFF) is `base + b - 0x80`.
    static let base: UInt32 = 0x10FF80

    /// The byte a code point stands for, if it stands for one.
    public static func byte(_ scalar: Unicode.Scalar) -> UInt8? {
        scalar.value >= base ? UInt8(scalar.value - base + 0x80) : nil
    }

    /// A name's bytes as a string: valid UTF-8 decoded, every other byte carried on its own.
    /// A valid name holding one of those code points has it carried byte by byte too, so that
    /// every name comes back as its bytes.
    public static func decode(_ bytes: UnsafeRawBufferPointer) -> String {
        if !bytes.contains(0xF4), let valid = String(validating: bytes, as: UTF8.self) { return valid }
        var out = String.UnicodeScalarView()
        var index = 0
        while index < bytes.count {
            let length = sequenceLength(bytes, at: index)
            if length > 0, let scalar = String(validating: UnsafeRawBufferPointer(rebasing: bytes[index..<(index + length)]), as: UTF8.self),
                scalar.unicodeScalars.first!.value < base
            {
                out.append(contentsOf: scalar.unicodeScalars)
                index += length
            } else {
                out.append(Unicode.Scalar(base + UInt32(bytes[index]) - 0x80)!)
                index += 1
            }
        }
        return String(out)
    }

    public static func decode(_ bytes: [UInt8]) -> String { bytes.withUnsafeBytes { decode($0) } }

    /// The length of the UTF-8 sequence a lead byte announces, if the bytes are there; 0 for a
    /// byte that cannot start one.
    private static func sequenceLength(_ bytes: UnsafeRawBufferPointer, at index: Int) -> Int {
        let lead = bytes[index]
        let length = lead < 0x80 ? 1 : lead >= 0xC2 && lead < 0xE0 ? 2 : lead >= 0xE0 && lead < 0xF0 ? 3 : lead >= 0xF0 && lead < 0xF5 ? 4 : 0
        return index + length <= bytes.count ? length : 0
    }

    /// The path's bytes as the system knows them.
    public static func bytes(_ path: String) -> [UInt8] {
        // A code point from U+10FF80 on is written F4 8F BE/BF ..: a path without 0xF4 holds none.
        guard path.utf8.contains(0xF4) else { return Array(path.utf8) }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(path.utf8.count)
        for scalar in path.unicodeScalars {
            if let byte = byte(scalar) { bytes.append(byte) } else { bytes.append(contentsOf: String(scalar).utf8) }
        }
        return bytes
    }

    /// The path's bytes, NUL-terminated, for the length of `body`.
    public static func withCString<Result>(_ path: String, _ body: (UnsafePointer<CChar>) throws -> Result) rethrows -> Result {
        guard path.utf8.contains(0xF4) else { return try path.withCString(body) }
        var bytes = bytes(path)
        bytes.append(0)
        return try bytes.withUnsafeBufferPointer { buffer in
            try buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) { try body($0) }
        }
    }

    /// The command line's arguments (without the program), each by its bytes.
    public static func arguments() -> [String] {
        (1..<Int(CommandLine.argc)).map { index in
            guard let argument = CommandLine.unsafeArgv[index] else { return "" }
            return decode(UnsafeRawBufferPointer(start: argument, count: strlen(argument)))
        }
    }

    /// Whether the path names something (`stat`, so a link is followed), and whether a directory.
    public static func status(_ path: String) -> (exists: Bool, isDirectory: Bool) {
        var status = stat()
        let found = withCString(path) { stat($0, &status) } == 0
        return (found, found && status.st_mode & S_IFMT == S_IFDIR)
    }

    /// The path with every symbolic link and `.`/`..` resolved (`realpath`), or the path itself
    /// when it does not exist.
    public static func resolved(_ path: String) -> String {
        guard let real = withCString(path, { realpath($0, nil) }) else { return path }
        defer { free(real) }
        return decode(UnsafeRawBufferPointer(start: real, count: strlen(real)))
    }
}
