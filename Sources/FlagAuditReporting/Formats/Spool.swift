import Foundation

/// Text set aside while a report streams, for formats whose opening lines need totals known
/// only at the end (JUnit's counts, Markdown's summary): the text goes to an unnamed temporary
/// file, so memory stays flat however large the set, and is replayed once the totals are
/// written. Where no temporary file can be made, or a write to it fails (a full disk), the
/// rest is kept in memory: the output is the same either way. Used on one task only.
public final class Spool {
    private let descriptor: Int32
    /// False once a write to the file failed: what it holds is kept, the rest stays in memory.
    private var writesToFile: Bool
    /// Text not yet written to the file (all of it when there is no file).
    private var pending: [UInt8] = []
    private static let chunk = 1 << 16

    /// `directory`: where the temporary file is made (default: the system's temporary directory).
    public init(directory: String = NSTemporaryDirectory()) {
        var template = Array((directory.hasSuffix("/") ? directory : directory + "/").utf8CString.dropLast())
        template += Array(".flagaudit-spool-XXXXXX".utf8CString)
        descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        writesToFile = descriptor >= 0
        if descriptor >= 0 {
            // Unlinked at once: the file has no name to leave behind, whatever happens next.
            template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
        }
    }

    deinit {
        if descriptor >= 0 { close(descriptor) }
    }

    public func write(_ text: String) {
        pending.append(contentsOf: text.utf8)
        if writesToFile && pending.count >= Spool.chunk { flush() }
    }

    /// Everything written so far, in order, in pieces cut between scalars.
    public func replay(into write: (String) -> Void) {
        if writesToFile { flush() }
        if descriptor >= 0 && lseek(descriptor, 0, SEEK_SET) == 0 {
            var buffer = [UInt8](repeating: 0, count: Spool.chunk)
            var carried = 0
            while true {
                let count = buffer.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress! + carried, $0.count - carried) }
                if count < 0 && errno == EINTR { continue }
                let filled = carried + max(count, 0)
                guard count > 0 else {
                    if filled > 0 { write(String(decoding: buffer[..<filled], as: UTF8.self)) }
                    break
                }
                // A scalar cut by the end of the chunk waits for the next read.
                var start = filled - 1
                while start > 0 && start > filled - 4 && buffer[start] & 0xC0 == 0x80 { start -= 1 }
                let lead = buffer[start]
                let width = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
                let cut = start + width <= filled ? filled : start
                if cut > 0 { write(String(decoding: buffer[..<cut], as: UTF8.self)) }
                carried = filled - cut
                for index in 0..<carried { buffer[index] = buffer[cut + index] }
            }
        }
        if !pending.isEmpty { write(String(decoding: pending, as: UTF8.self)) }
    }

    /// The first `limit` bytes written, which must end between two scalars (at the end of a
    /// piece written).
    public func replay(into write: (String) -> Void, upTo limit: Int) {
        var left = limit
        replay { chunk in
            guard left > 0 else { return }
            let bytes = chunk.utf8.count
            if bytes <= left {
                write(chunk)
                left -= bytes
            } else {
                write(String(decoding: Array(chunk.utf8.prefix(left)), as: UTF8.self))
                left = 0
            }
        }
    }

    private func flush() {
        var written = 0
        while written < pending.count {
            let count = pending.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress! + written, $0.count - written) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else {
                writesToFile = false
                pending.removeFirst(written)
                return
            }
            written += count
        }
        pending.removeAll(keepingCapacity: true)
    }
}
