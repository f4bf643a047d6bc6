/// 64-bit FNV-1a, the one hash behind phrase-table word keys, claim-model feature keys and
/// SARIF fingerprints: stable across runs and machines, which Swift's seeded `Hasher` is not.
public enum FNV1a {
    public static let basis: UInt64 = 0xcbf2_9ce4_8422_2325

    @inlinable @inline(__always) public static func add(_ byte: UInt8, to hash: UInt64) -> UInt64 {
        (hash ^ UInt64(byte)) &* 0x100_0000_01b3
    }

    @inlinable public static func hash(_ text: String) -> UInt64 { hash(bytes: text.utf8) }

    @inlinable public static func hash<Bytes: Sequence<UInt8>>(bytes: Bytes) -> UInt64 {
        var hash = basis
        for byte in bytes { hash = add(byte, to: hash) }
        return hash
    }

    /// A hash as 16 lowercase hex digits, as fingerprints are shown.
    public static func hex(_ hash: UInt64) -> String {
        let digits = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
