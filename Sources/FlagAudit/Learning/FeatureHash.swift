/// `FNV1a` over the UTF-8 bytes of a model feature's name, built piece by piece, so that the
/// classifier can look up "w:" + word without making that string. Equal names, equal keys.
public struct FeatureHash: Sendable {
    private var state = FNV1a.basis

    public init() {}

    public init(_ text: String) { add(text) }

    @inline(__always) public mutating func add(_ text: String) {
        for byte in text.utf8 { add(byte: byte) }
    }

    @inline(__always) public mutating func add(byte: UInt8) {
        state = FNV1a.add(byte, to: state)
    }

    /// The key for tables (never 0, which `HashTable` keeps for empty slots).
    public var key: UInt64 { state == 0 ? 1 : state }

    public static func of(_ name: String) -> UInt64 { FeatureHash(name).key }
}
