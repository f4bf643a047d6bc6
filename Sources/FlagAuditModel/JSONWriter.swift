
/// Writes JSON straight into UTF-8 bytes (indentation from a starting level, or none; keys in
/// the order written). `JSONValue` serializes through it, and a study's report is written with
/// it directly, once per entry, where building a `JSONValue` tree first cost as much again in
/// allocations.
package struct JSONWriter {
    package private(set) var bytes: [UInt8] = []
    private let level: Int
    /// Spaces per level; nil writes everything on one line.
    private let indent: Int?
    /// One flag per open container: whether it has no item yet.
    private var empty: [Bool] = []

    package init(level: Int, indent: Int? = 2, capacity: Int = 4096) {
        self.level = level
        self.indent = indent
        bytes.reserveCapacity(capacity)
    }

    package mutating func beginObject() { open(UInt8(ascii: "{")) }
    package mutating func endObject() { close(UInt8(ascii: "}")) }
    package mutating func beginArray() { open(UInt8(ascii: "[")) }
    package mutating func endArray() { close(UInt8(ascii: "]")) }

    /// Starts a member of the open object; its value is written next.
    package mutating func key(_ name: String) {
        item()
        JSONValue.escape(name, into: &bytes)
        bytes.append(UInt8(ascii: ":"))
        if indent != nil { bytes.append(UInt8(ascii: " ")) }
    }

    /// Starts an element of the open array; its value is written next.
    package mutating func item() {
        if let last = empty.indices.last {
            if !empty[last] { bytes.append(UInt8(ascii: ",")) }
            empty[last] = false
        }
        pad(level + empty.count)
    }

    package mutating func string(_ value: String) { JSONValue.escape(value, into: &bytes) }

    package mutating func string(_ value: String?) {
        if let value { JSONValue.escape(value, into: &bytes) } else { JSONValue.append("null", to: &bytes) }
    }

    mutating func bool(_ value: Bool) { JSONValue.append(value ? "true" : "false", to: &bytes) }

    package mutating func number(_ value: Int) { JSONValue.append(value, to: &bytes) }

    /// A number in [0, 1] (clamped; not finite: 0) with three decimals, rounded half up.
    package mutating func fraction(_ value: Double) {
        let thousandths = Int((min(1, max(0, value.isFinite ? value : 0)) * 1000).rounded())
        let digits = String(thousandths % 1000)
        bytes += Array(("\(thousandths / 1000)." + String(repeating: "0", count: 3 - digits.count) + digits).utf8)
    }

    /// Bytes written earlier, again: a value that serializes the same at the same depth.
    package mutating func repeatBytes(_ range: Range<Int>) {
        // Through a copy: appending a slice of the array to itself would copy the whole array.
        let piece = Array(bytes[range])
        bytes.append(contentsOf: piece)
    }

    /// A whole array of strings.
    package mutating func strings(_ values: [String]) {
        beginArray()
        for value in values {
            item()
            string(value)
        }
        endArray()
    }

    private mutating func open(_ bracket: UInt8) {
        bytes.append(bracket)
        empty.append(true)
    }

    private mutating func close(_ bracket: UInt8) {
        if !empty.removeLast() { pad(level + empty.count) }
        bytes.append(bracket)
    }

    private mutating func pad(_ depth: Int) {
        guard let indent else { return }
        bytes.append(UInt8(ascii: "\n"))
        let count = indent * depth
        // From a run of spaces: appending a repeated element went element by element.
        JSONWriter.spaces.withUTF8Buffer { spaces in
            if count <= spaces.count {
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: spaces[..<count]))
            } else {
                bytes.append(contentsOf: repeatElement(UInt8(ascii: " "), count: count))
            }
        }
    }

    private static let spaces: StaticString = "                                                                "
}
