/// A small open-addressing table from 64-bit keys to indices (keys are already well mixed;
/// key 0 marks an empty slot, so callers never use it: `WordHash` and `FeatureKey` avoid it).
struct HashTable: Sendable {
    private var keys: [UInt64] = []
    private var values: [Int] = []
    private var count = 0

    func value(for key: UInt64) -> Int? {
        guard !keys.isEmpty else { return nil }
        let mask = keys.count - 1
        var slot = HashTable.home(of: key, mask: mask)
        while true {
            let stored = keys[slot]
            if stored == key { return values[slot] }
            if stored == WordHash.wildcard { return nil }
            slot = (slot + 1) & mask
        }
    }

    mutating func insert(_ key: UInt64, value: Int) {
        if (count + 1) * 2 > keys.count { grow() }
        let mask = keys.count - 1
        var slot = HashTable.home(of: key, mask: mask)
        while keys[slot] != WordHash.wildcard && keys[slot] != key { slot = (slot + 1) & mask }
        if keys[slot] != key { count += 1 }
        keys[slot] = key
        values[slot] = value
    }

    /// A key's first slot in a table of `mask + 1` slots (the claim model's table probes the same way).
    /// Fibonacci hashing: the multiply spreads every key bit into the upper half, which picks
    /// the slot. (FNV's low bits, which `key ^ key >> 29` kept, cluster in linear probing.)
    @inline(__always) static func home(of key: UInt64, mask: Int) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 32) & mask
    }

    private mutating func grow() {
        let old = zip(keys, values).filter { $0.0 != WordHash.wildcard }
        keys = [UInt64](repeating: WordHash.wildcard, count: max(16, keys.count * 2))
        values = [Int](repeating: 0, count: keys.count)
        count = 0
        for (key, value) in old { insert(key, value: value) }
    }
}
