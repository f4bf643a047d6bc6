/// `FNV1a` over a word's scalars (each scalar's value, low byte first): a stable 64-bit key for phrase tables.
public enum WordHash {
    public static let seed = FNV1a.basis
    /// The key `*` stands for in phrases: any one word.
    public static let wildcard: UInt64 = 0

    @inlinable @inline(__always) package static func add(_ scalar: Unicode.Scalar, to hash: UInt64) -> UInt64 {
        var value = scalar.value, hash = hash
        repeat {
            hash = FNV1a.add(UInt8(truncatingIfNeeded: value), to: hash)
            value >>= 8
        } while value != 0
        return hash
    }

    @inlinable public static func of(_ word: String) -> UInt64 {
        var hash = seed
        for scalar in word.unicodeScalars { hash = add(scalar, to: hash) }
        return key(hash)
    }

    /// A finished hash as a table key: never the wildcard.
    @inlinable @inline(__always) package static func key(_ hash: UInt64) -> UInt64 { hash == wildcard ? 1 : hash }
}
