import FlagAuditModel

/// One sentence's decision by the transformer: its probabilities, keyed by the sentence's text.
public struct ClaimDecision: Sendable, Equatable {
    public var key: UInt64
    public var probabilities: [Double]

    public init(key: UInt64, probabilities: [Double]) {
        self.key = key
        self.probabilities = probabilities
    }
}

/// The transformer's decisions of earlier runs (`--cache DIR`), so that re-auditing an
/// unchanged atlas reads each sentence's probabilities instead of running the encoder again.
///
/// One file per model, `DIR/claims-<fingerprint>.bin`: a header line naming the format, the
/// fingerprint and the number of labels, then one record per sentence, little-endian: the key
/// (64-bit FNV-1a of the sentence's UTF-8) and the probabilities as 64-bit floats in label
/// order. Binary, because a warm run reads the whole file before its first entry (tens of
/// thousands of sentences for a large atlas), and because a float read back is the float
/// written: a decision from the cache is the decision the encoder made. A different model never
/// reads another's file. Records are sorted by key, so the file depends on the sentences only.
public struct ClaimCache: Sendable {
    public let fingerprint: String
    public let labels: Int
    private var table: [UInt64: [Double]] = [:]

    public init(fingerprint: String, labels: Int) {
        self.fingerprint = fingerprint
        self.labels = labels
    }

    public static func key(_ sentence: String) -> UInt64 { FNV1a.hash(sentence) }

    public static func path(in directory: String, fingerprint: String) -> String {
        let name = fingerprint.unicodeScalars.map { $0.properties.isAlphabetic || ("0"..."9").contains($0) ? String($0) : "-" }.joined()
        return (directory.hasSuffix("/") ? directory : directory + "/") + "claims-\(name).bin"
    }

    public var count: Int { table.count }

    public func probabilities(for key: UInt64) -> [Double]? { table[key] }

    public mutating func insert(_ decision: ClaimDecision) {
        guard decision.probabilities.count == labels else { return }
        table[decision.key] = decision.probabilities
    }

    private var header: [UInt8] { Array("flagaudit claim cache v1, model \(fingerprint), \(labels) labels\n".utf8) }
    private var recordSize: Int { 8 * (1 + labels) }

    /// The cache as it is written: the header, then the records in key order.
    public func serialized() -> [UInt8] {
        var bytes = header
        bytes.reserveCapacity(bytes.count + table.count * recordSize)
        func append(_ value: UInt64) { withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) } }
        for key in table.keys.sorted() {
            append(key)
            for probability in table[key]! { append(probability.bitPattern) }
        }
        return bytes
    }

    /// Reads a cache file. A file of another model or version, a cut record, or a probability
    /// that is not a number from 0 to 1 is refused, with the record, so a damaged cache is
    /// rebuilt rather than half read.
    public init(parsing bytes: [UInt8], path: String, fingerprint: String, labels: Int) throws(FileError) {
        self.init(fingerprint: fingerprint, labels: labels)
        let header = self.header, size = recordSize
        guard bytes.count >= header.count, bytes[..<header.count].elementsEqual(header) else {
            throw FileError(at: SourceLocation.start(of: path), "not a claim cache of this model (expected the header '\(String(decoding: header.dropLast(), as: UTF8.self))')")
        }
        let body = bytes.count - header.count
        guard body % size == 0 else {
            throw FileError(at: SourceLocation.start(of: path), "the claim cache is cut short: \(body) bytes of records of \(size)")
        }
        table.reserveCapacity(body / size)
        let bad: Int? = bytes.withUnsafeBytes { raw -> Int? in
            for record in 0..<(body / size) {
                let start = header.count + record * size
                let key = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: start, as: UInt64.self))
                var probabilities: [Double] = []
                probabilities.reserveCapacity(labels)
                for label in 0..<labels {
                    let bits = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: start + 8 * (1 + label), as: UInt64.self))
                    let probability = Double(bitPattern: bits)
                    guard probability.isFinite, probability >= 0, probability <= 1 else { return record }
                    probabilities.append(probability)
                }
                table[key] = probabilities
            }
            return nil
        }
        if let bad {
            throw FileError(at: SourceLocation.start(of: path), "claim cache record \(bad + 1): a probability that is not a number from 0 to 1")
        }
    }
}
