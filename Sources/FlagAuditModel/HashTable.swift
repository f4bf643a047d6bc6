/// A small open-addressing table from 64-bit keys to indices (keys are already well mixed;
/// key 0 marks an empty slot, so callers never use it: `WordHash` and `FeatureKey` avoid it).
package struct HashTable: Sendable {
    @usableFromInline var keys: [UInt64] = []
    @usableFromInline var values: [Int] = []
    @usableFromInline var count = 0
    /// A bit per key's top product bits, eight bits a slot: most words of a sentence are in
    /// no phrase table, and a clear bit says so with one load instead of a probe sequence.
    @usableFromInline var filter: [UInt64] = []
    @usableFromInline var filterShift: UInt64 = 64

    package init() {}

    @inlinable package func value(for key: UInt64) -> Int? {
        guard !keys.isEmpty else { return nil }
        let bit = HashTable.bit(of: key, shift: filterShift)
        guard filter[Int(truncatingIfNeeded: bit >> 6)] & (1 << (bit & 63)) != 0 else { return nil }
        let mask = keys.count - 1
        var slot = HashTable.home(of: key, mask: mask)
        while true {
            let stored = keys[slot]
            if stored == key { return values[slot] }
            if stored == WordHash.wildcard { return nil }
            slot = (slot + 1) & mask
        }
    }

    /// The table's slots; a key's slot (`forEachSlot`) is stable until the next insert, so a
    /// caller may keep a payload of its own by slot, laid out as it reads it.
    package var capacity: Int { keys.count }

    /// The value stored in a slot `forEachSlot` gave.
    @inlinable package func value(atSlot slot: Int) -> Int { values[slot] }

    /// Each stored entry with its slot, in slot order.
    package func forEachEntry(_ body: (_ slot: Int, _ key: UInt64, _ value: Int) -> Void) {
        for slot in keys.indices where keys[slot] != WordHash.wildcard { body(slot, keys[slot], values[slot]) }
    }

    /// Calls `body` with the position in `lookups` and the slot of each key the table holds,
    /// in order. Every key's first slot is read before any is probed further: those loads do
    /// not depend on one another, so their cache misses overlap (the claim model looks up a
    /// sentence's features together, in a table larger than the cache).
    @inlinable package func forEachSlot(of lookups: [UInt64], _ body: (_ index: Int, _ slot: Int) -> Void) {
        guard !keys.isEmpty else { return }
        let mask = keys.count - 1
        keys.withUnsafeBufferPointer { keys in
            withUnsafeTemporaryAllocation(of: UInt64.self, capacity: lookups.count) { firstKeys in
                for (index, key) in lookups.enumerated() { firstKeys[index] = keys[HashTable.home(of: key, mask: mask)] }
                for (index, key) in lookups.enumerated() where key != WordHash.wildcard {
                    var slot = HashTable.home(of: key, mask: mask)
                    var stored = firstKeys[index]
                    while true {
                        if stored == key { body(index, slot); break }
                        if stored == WordHash.wildcard { break }
                        slot = (slot + 1) & mask
                        stored = keys[slot]
                    }
                }
            }
        }
    }

    package mutating func insert(_ key: UInt64, value: Int) {
        if (count + 1) * 2 > keys.count { grow() }
        let mask = keys.count - 1
        var slot = HashTable.home(of: key, mask: mask)
        while keys[slot] != WordHash.wildcard && keys[slot] != key { slot = (slot + 1) & mask }
        if keys[slot] != key { count += 1 }
        keys[slot] = key
        values[slot] = value
        let bit = HashTable.bit(of: key, shift: filterShift)
        filter[Int(truncatingIfNeeded: bit >> 6)] |= 1 << (bit & 63)
    }

    /// A key's first slot in a table of `mask + 1` slots.
    /// Fibonacci hashing: the multiply spreads every key bit into the upper half, which picks
    /// the slot. (FNV's low bits, which `key ^ key >> 29` kept, cluster in linear probing.)
    @inlinable @inline(__always) package static func home(of key: UInt64, mask: Int) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 32) & mask
    }

    /// A key's filter bit: the top bits of the product whose bits from 32 up pick the slot (the
    /// two overlap only in tables of over 16,000 slots, where the filter just sorts out fewer keys).
    @inlinable @inline(__always) package static func bit(of key: UInt64, shift: UInt64) -> UInt64 {
        (key &* 0x9E37_79B9_7F4A_7C15) >> shift
    }

    private mutating func grow() {
        let old = zip(keys, values).filter { $0.0 != WordHash.wildcard }
        keys = [UInt64](repeating: WordHash.wildcard, count: max(16, keys.count * 2))
        values = [Int](repeating: 0, count: keys.count)
        // Eight filter bits a slot: at most one in sixteen set, as the table is at most half full.
        let bits = keys.count * 8
        filter = [UInt64](repeating: 0, count: bits / 64)
        filterShift = UInt64(64 - bits.trailingZeroBitCount)
        count = 0
        for (key, value) in old { insert(key, value: value) }
    }
}
