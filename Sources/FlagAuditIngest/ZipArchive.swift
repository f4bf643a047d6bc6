import CFlagAuditZlib

/// One file out of a zip archive held in memory, read with every offset and size checked against
/// the bytes there are and inflation bounded in output and input: a damaged, truncated or lying
/// archive is refused, never trusted. Only what Word documents use is read (stored or deflated,
/// not encrypted, no zip64: a DOCX under the input limit needs none).
enum ZipArchive {
    enum Failure: Error, Equatable {
        /// No end-of-archive record, or one pointing outside the bytes.
        case notAnArchive
        case missing
        case unsupported(String)
        case tooLarge(limit: Int)
        /// Offsets past the end, a cut-off or corrupt compressed stream, a checksum that differs.
        case damaged
    }

    /// The bytes of the file `name` in `archive`, if it unpacks to at most `limit` bytes.
    static func file(named name: String, in archive: [UInt8], limit: Int) throws(Failure) -> [UInt8] {
        try archive.withUnsafeBufferPointer { (bytes) throws(Failure) in try file(named: Array(name.utf8), in: bytes, limit: limit) }
    }

    private static func file(named name: [UInt8], in bytes: UnsafeBufferPointer<UInt8>, limit: Int) throws(Failure) -> [UInt8] {
        // The end record is the last 22 bytes but for a comment of up to 64 KB.
        guard bytes.count >= 22 else { throw .notAnArchive }
        var end = bytes.count - 22
        let lowest = max(0, end - 0xFFFF)
        while bytes.u32(end) != 0x0605_4B50 {
            guard end > lowest else { throw .notAnArchive }
            end -= 1
        }
        let (count, directorySize, directoryStart) = (bytes.u16(end + 10), bytes.u32(end + 12), bytes.u32(end + 16))
        if count == 0xFFFF || directorySize == 0xFFFF_FFFF || directoryStart == 0xFFFF_FFFF { throw .unsupported("a zip64 archive") }
        guard directoryStart + directorySize <= end else { throw .notAnArchive }
        var at = directoryStart
        for _ in 0..<count {
            guard at + 46 <= end, bytes.u32(at) == 0x0201_4B50 else { throw .damaged }
            let (nameLength, extraLength, commentLength) = (bytes.u16(at + 28), bytes.u16(at + 30), bytes.u16(at + 32))
            guard at + 46 + nameLength <= end else { throw .damaged }
            if nameLength == name.count, name.withUnsafeBufferPointer({ $0.elementsEqual(bytes[(at + 46)..<(at + 46 + nameLength)]) }) {
                return try contents(of: at, in: bytes, limit: limit)
            }
            at += 46 + nameLength + extraLength + commentLength
        }
        throw .missing
    }

    /// The contents of the file whose central-directory record starts at `record`.
    private static func contents(of record: Int, in bytes: UnsafeBufferPointer<UInt8>, limit: Int) throws(Failure) -> [UInt8] {
        let (flags, method, checksum) = (bytes.u16(record + 8), bytes.u16(record + 10), UInt32(bytes.u32(record + 16)))
        let (compressedSize, size, local) = (bytes.u32(record + 20), bytes.u32(record + 24), bytes.u32(record + 42))
        if flags & 1 != 0 { throw .unsupported("an encrypted document") }
        guard size <= limit else { throw .tooLarge(limit: limit) }
        guard local + 30 <= bytes.count, bytes.u32(local) == 0x0403_4B50 else { throw .damaged }
        let start = local + 30 + bytes.u16(local + 26) + bytes.u16(local + 28)
        guard start + compressedSize <= bytes.count else { throw .damaged }
        let input = UnsafeBufferPointer(rebasing: bytes[start..<(start + compressedSize)])
        let output: [UInt8]
        switch method {
        case 0: output = Array(input)
        case 8: output = try inflate(input, limit: limit)
        default: throw .unsupported("compression method \(method)")
        }
        let computed = output.withUnsafeBufferPointer { UInt32(crc32(0, $0.baseAddress, UInt32($0.count))) }
        guard computed == checksum else { throw .damaged }
        return output
    }

    /// Raw DEFLATE data, whole: the stream must end within `input`, and unpack to at most `limit`.
    static func inflate(_ input: UnsafeBufferPointer<UInt8>, limit: Int) throws(Failure) -> [UInt8] {
        var stream = z_stream()
        guard inflateInit2_(&stream, -MAX_WBITS, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else { throw .damaged }
        defer { inflateEnd(&stream) }
        stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress)
        stream.avail_in = UInt32(input.count)
        var output: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 << 10)
        while true {
            let (status, produced) = chunk.withUnsafeMutableBufferPointer { buffer in
                stream.next_out = buffer.baseAddress
                stream.avail_out = UInt32(buffer.count)
                let status = CFlagAuditZlib.inflate(&stream, Z_NO_FLUSH)
                return (status, buffer.count - Int(stream.avail_out))
            }
            guard output.count + produced <= limit else { throw .tooLarge(limit: limit) }
            output.append(contentsOf: chunk[..<produced])
            switch status {
            case Z_STREAM_END: return output
            // No progress is possible once the input is used up and the output has room: the
            // stream was cut off. (Every call either consumes input or fills the chunk.)
            case Z_OK where produced > 0 || stream.avail_in > 0: continue
            default: throw .damaged
            }
        }
    }
}

private extension UnsafeBufferPointer<UInt8> {
    /// The little-endian numbers of zip records; callers check `at` against the count first.
    func u16(_ at: Int) -> Int { Int(self[at]) | Int(self[at + 1]) << 8 }
    func u32(_ at: Int) -> Int { u16(at) | u16(at + 2) << 16 }
}
