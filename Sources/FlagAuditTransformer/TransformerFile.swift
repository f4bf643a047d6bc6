import Foundation

/// The weights file `scripts/train-claims-model` writes (layout in rules/models/README.md):
/// the magic `FATRANS1`, a little-endian UInt32 header length, a JSON header (configuration,
/// labels, fingerprint, and each tensor's name, shape, storage and offset), zero padding to a
/// multiple of 64 bytes, then the tensors. `i8` tensors are rows of Int8 followed (at `scales`)
/// by one Float32 scale per row; `f32` tensors are Float32. Everything little-endian.
public struct TransformerFile {
    struct Header: Decodable {
        var format: String
        var version: Int
        var labels: [String]
        var layers: Int
        var hidden: Int
        var heads: Int
        var intermediate: Int
        var maxPositions: Int
        var maxTokens: Int
        var vocabSize: Int
        var layerNormEps: Double
        var pooling: String
        var lowerCase: Bool?
        var activation: String?
        var positions: String?
        var fingerprint: String
        var training: Training?
        var tensors: [Tensor]
    }

    struct Training: Decodable {
        var heldOut: HeldOut?
    }

    /// The fold of the data left out of training (folds dealt by FNV-1a of the sentence).
    public struct HeldOut: Decodable, Sendable {
        public var fold: Int
        public var folds: Int
    }

    struct Tensor: Decodable {
        var name: String
        var shape: [Int]
        var dtype: String
        var offset: Int
        var scales: Int?
    }

    static let magic = Array("FATRANS1".utf8)

    let header: Header
    private let bytes: [UInt8]
    private let dataStart: Int
    private let tensors: [String: Tensor]
    let path: String

    init(bytes: [UInt8], path: String) throws(TransformerError) {
        self.path = path
        guard bytes.count >= 12, Array(bytes[0..<8]) == TransformerFile.magic else {
            throw TransformerError(path: path, "not a FlagAudit transformer file (it must start with FATRANS1)")
        }
        let length = Int(bytes[8]) | Int(bytes[9]) << 8 | Int(bytes[10]) << 16 | Int(bytes[11]) << 24
        guard length <= bytes.count - 12 else {
            throw TransformerError(path: path, "the file is truncated: its header says \(length) bytes, \(bytes.count - 12) follow")
        }
        let header: Header
        do {
            let decoder = JSONDecoder()
            decoder.keyDecodingStrategy = .convertFromSnakeCase
            header = try decoder.decode(Header.self, from: Data(bytes[12..<(12 + length)]))
        } catch {
            throw TransformerError(path: path, "the header is not the expected JSON: \(error)")
        }
        guard header.format == "flagaudit-transformer", header.version == 1 else {
            throw TransformerError(path: path, "format '\(header.format)' version \(header.version) is not flagaudit-transformer version 1")
        }
        // Bounded so that no product of dimensions overflows and nothing is allocated for a
        // tensor larger than the file could hold (each is also checked against the file).
        guard (1...4096).contains(header.hidden), (1...64).contains(header.heads), header.hidden % header.heads == 0,
            (1...48).contains(header.layers), (1...16_384).contains(header.intermediate), (1...1_000_000).contains(header.vocabSize),
            (2...8192).contains(header.maxTokens), header.maxTokens <= header.maxPositions, header.maxPositions <= 8192,
            (1...64).contains(header.labels.count), header.layerNormEps.isFinite, header.layerNormEps > 0
        else { throw TransformerError(path: path, "the header's configuration is inconsistent or out of range") }
        guard header.pooling == "mean", header.lowerCase ?? true, (header.activation ?? "gelu") == "gelu",
            (header.positions ?? "absolute") == "absolute"
        else {
            throw TransformerError(path: path, "only uncased models with GELU, absolute positions and mean pooling can be run")
        }
        self.header = header
        self.bytes = bytes
        self.dataStart = (12 + length + 63) / 64 * 64
        self.tensors = Dictionary(header.tensors.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// A tensor as Float32, checked for its shape, its extent in the file and finite values.
    func floats(_ name: String, shape expected: [Int]) throws(TransformerError) -> [Float] {
        guard let tensor = tensors[name] else { throw TransformerError(path: path, "the file has no tensor \(name)") }
        guard tensor.shape == expected else {
            throw TransformerError(path: path, "\(name) has shape \(tensor.shape), expected \(expected)")
        }
        // The dimensions are bounded by the header's checks, so the products cannot overflow.
        let count = expected.reduce(1, *)
        guard count > 0 else { throw TransformerError(path: path, "\(name) is empty") }
        var values: [Float] = []
        switch tensor.dtype {
        case "f32":
            let start = try extent(name, tensor.offset, bytes: count * 4)
            values = [Float](repeating: 0, count: count)
            values.withUnsafeMutableBytes { out in
                bytes.withUnsafeBytes { out.copyMemory(from: UnsafeRawBufferPointer(rebasing: $0[start..<(start + count * 4)])) }
            }
            for index in values.indices { values[index] = Float(bitPattern: UInt32(littleEndian: values[index].bitPattern)) }
        case "i8":
            guard expected.count == 2, let scalesOffset = tensor.scales else {
                throw TransformerError(path: path, "\(name) is stored as i8 but is not a matrix with row scales")
            }
            let rows = expected[0], columns = expected[1]
            let start = try extent(name, tensor.offset, bytes: count)
            let scalesStart = try extent(name, scalesOffset, bytes: rows * 4)
            // Written through buffers: the word embeddings alone are 11.7 million values, and
            // indexing the array in the loop made loading the model cost more than a warm audit.
            values = [Float](unsafeUninitializedCapacity: count) { out, initialized in
                bytes.withUnsafeBytes { raw in
                    let weights = UnsafeRawBufferPointer(rebasing: raw[start..<(start + count)]).bindMemory(to: Int8.self)
                    for row in 0..<rows {
                        let scale = Float(bitPattern: UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: scalesStart + row * 4, as: UInt32.self)))
                        let base = row * columns
                        for column in 0..<columns { out[base + column] = Float(weights[base + column]) * scale }
                    }
                }
                initialized = count
            }
        default:
            throw TransformerError(path: path, "\(name) has storage '\(tensor.dtype)'; expected i8 or f32")
        }
        if let bad = values.firstIndex(where: { !$0.isFinite }) {
            throw TransformerError(path: path, "\(name) holds a value that is not a finite number (element \(bad))")
        }
        return values
    }

    private func extent(_ name: String, _ offset: Int, bytes count: Int) throws(TransformerError) -> Int {
        guard offset >= 0, offset <= bytes.count - dataStart, count <= bytes.count - dataStart - offset else {
            throw TransformerError(path: path, "the file is truncated: \(name) runs past its end")
        }
        return dataStart + offset
    }
}
