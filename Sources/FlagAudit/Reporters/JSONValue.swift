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
        var output = ""
        output.reserveCapacity(1024)
        write(into: &output, level: level, indent: indent)
        return output
    }

    private func write(into output: inout String, level: Int, indent: Int?) {
        let newline = indent == nil ? "" : "\n"
        // Indents are short: `String(repeating:)` gives a small string, no allocation.
        func pad(_ depth: Int) { output += String(repeating: " ", count: (indent ?? 0) * depth) }
        switch self {
        case .null: output += "null"
        case .bool(let value): output += value ? "true" : "false"
        case .number(let value): output += String(value)
        case .string(let value): JSONValue.escape(value, into: &output)
        case .array(let items):
            if items.isEmpty { output += "[]"; return }
            output += "[" + newline
            for (index, item) in items.enumerated() {
                pad(level + 1)
                item.write(into: &output, level: level + 1, indent: indent)
                if index < items.count - 1 { output += "," }
                output += newline
            }
            pad(level)
            output += "]"
        case .object(let pairs):
            if pairs.isEmpty { output += "{}"; return }
            output += "{" + newline
            for (index, (key, value)) in pairs.enumerated() {
                pad(level + 1)
                JSONValue.escape(key, into: &output)
                output += indent == nil ? ":" : ": "
                value.write(into: &output, level: level + 1, indent: indent)
                if index < pairs.count - 1 { output += "," }
                output += newline
            }
            pad(level)
            output += "}"
        }
    }

    static func escape(_ text: String, into output: inout String) {
        // Most text needs no escaping: append it whole.
        if !text.utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) {
            output += "\""
            output += text
            output += "\""
            return
        }
        output += "\""
        // Copy the runs between characters that need escaping whole; those are all ASCII, so
        // every cut falls between scalars.
        let utf8 = text.utf8
        var run = utf8.startIndex
        for index in utf8.indices {
            let byte = utf8[index]
            guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
            output += text[run..<index]
            switch byte {
            case UInt8(ascii: "\""): output += "\\\""
            case UInt8(ascii: "\\"): output += "\\\\"
            case UInt8(ascii: "\n"): output += "\\n"
            case UInt8(ascii: "\r"): output += "\\r"
            case UInt8(ascii: "\t"): output += "\\t"
            default:
                let hex = String(byte, radix: 16)
                output += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            }
            run = utf8.index(after: index)
        }
        output += text[run...]
        output += "\""
    }
}
