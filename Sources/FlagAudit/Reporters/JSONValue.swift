/// A JSON value with ordered keys, so reports print fields in the documented order.
public indirect enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case number(Int)
    case string(String)
    case array([JSONValue])
    case object([(String, JSONValue)])

    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool { lhs.serialized() == rhs.serialized() }

    public static func optional(_ value: String?) -> JSONValue { value.map(JSONValue.string) ?? .null }

    public func serialized(indent: Int? = 2, level: Int = 0) -> String {
        // Written as UTF-8 bytes: appending to a byte array costs a fraction of appending
        // to a `String`, and the bytes come from valid strings, so they decode as they are.
        var output: [UInt8] = []
        output.reserveCapacity(1024)
        write(into: &output, level: level, indent: indent)
        return String(decoding: output, as: UTF8.self)
    }

    private func write(into output: inout [UInt8], level: Int, indent: Int?) {
        func pad(_ depth: Int) {
            guard let indent else { return }
            output.append(UInt8(ascii: "\n"))
            output.append(contentsOf: repeatElement(UInt8(ascii: " "), count: indent * depth))
        }
        switch self {
        case .null: JSONValue.append("null", to: &output)
        case .bool(let value): JSONValue.append(value ? "true" : "false", to: &output)
        case .number(let value): JSONValue.append(value, to: &output)
        case .string(let value): JSONValue.escape(value, into: &output)
        case .array(let items):
            if items.isEmpty { JSONValue.append("[]", to: &output); return }
            output.append(UInt8(ascii: "["))
            for (index, item) in items.enumerated() {
                pad(level + 1)
                item.write(into: &output, level: level + 1, indent: indent)
                if index < items.count - 1 { output.append(UInt8(ascii: ",")) }
            }
            pad(level)
            output.append(UInt8(ascii: "]"))
        case .object(let pairs):
            if pairs.isEmpty { JSONValue.append("{}", to: &output); return }
            output.append(UInt8(ascii: "{"))
            for (index, (key, value)) in pairs.enumerated() {
                pad(level + 1)
                JSONValue.escape(key, into: &output)
                JSONValue.append(indent == nil ? ":" : ": ", to: &output)
                value.write(into: &output, level: level + 1, indent: indent)
                if index < pairs.count - 1 { output.append(UInt8(ascii: ",")) }
            }
            pad(level)
            output.append(UInt8(ascii: "}"))
        }
    }

    /// A whole number's decimal digits, without making a string.
    static func append(_ value: Int, to output: inout [UInt8]) {
        if value < 0 { output.append(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        withUnsafeMutableBytes(of: &digits) { buffer in
            repeat {
                buffer[count] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
                count += 1
            } while magnitude > 0
            for index in stride(from: count - 1, through: 0, by: -1) { output.append(buffer[index]) }
        }
    }

    private static func append(_ text: StaticString, to output: inout [UInt8]) {
        text.withUTF8Buffer { output.append(contentsOf: $0) }
    }

    static func escape(_ text: String, into output: inout [UInt8]) {
        var text = text
        text.withUTF8 { escape(utf8: $0, into: &output) }
    }

    private static func escape(utf8: UnsafeBufferPointer<UInt8>, into output: inout [UInt8]) {
        output.append(UInt8(ascii: "\""))
        // Copy the runs between bytes that need escaping whole; those are all ASCII, so every
        // cut falls between scalars.
        var run = 0
        for index in 0..<utf8.count {
            let byte = utf8[index]
            guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
            output.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[run..<index]))
            switch byte {
            case UInt8(ascii: "\""): append("\\\"", to: &output)
            case UInt8(ascii: "\\"): append("\\\\", to: &output)
            case UInt8(ascii: "\n"): append("\\n", to: &output)
            case UInt8(ascii: "\r"): append("\\r", to: &output)
            case UInt8(ascii: "\t"): append("\\t", to: &output)
            default:
                let hex = String(byte, radix: 16)
                output.append(contentsOf: ("\\u" + String(repeating: "0", count: 4 - hex.count) + hex).utf8)
            }
            run = index + 1
        }
        output.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[run...]))
        output.append(UInt8(ascii: "\""))
    }
}
