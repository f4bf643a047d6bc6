import FlagAuditModel
import Foundation

/// A fine-tuned BERT-style encoder with a classification head (all-MiniLM-L6-v2 fine-tuned by
/// `scripts/train-claims-model`), run in Swift: WordPiece ids, embeddings, the encoder layers
/// (self-attention, GELU feed-forward, each followed by a residual LayerNorm), mean pooling
/// over the tokens, the head, softmax. One sentence is one unpadded sequence, so the padding
/// mask of a batch has nothing to mask. Deterministic: a sentence's logits depend only on it.
public struct TransformerClassifier: Sendable {
    public let labels: [String]
    public let fingerprint: String
    public let tokenizer: WordPiece
    public let maxTokens: Int
    /// The fold of the training data the model never saw, if its file says.
    public let heldOut: TransformerFile.HeldOut?
    let hidden: Int, heads: Int, intermediate: Int
    let layerNormEps: Float
    let wordEmbeddings: [Float], positionEmbeddings: [Float], typeEmbeddings: [Float]
    let embeddingNorm: Norm
    let layers: [EncoderLayer]
    let head: DenseLayer

    struct Norm: Sendable {
        let gain: [Float], bias: [Float]
    }

    struct EncoderLayer: Sendable {
        let query: DenseLayer, key: DenseLayer, value: DenseLayer, attentionOutput: DenseLayer
        let attentionNorm: Norm
        let expand: DenseLayer, contract: DenseLayer
        let outputNorm: Norm
    }

    /// Reads a weights file and its vocabulary (`claims-transformer.bin` and `.vocab.txt`).
    /// The largest weights and vocabulary files read.
    public static let maxWeightsBytes = 1 << 30, maxVocabularyBytes = 64 << 20
    /// What a pack without the model is told.
    public static let missing = "no transformer model here (scripts/train-claims-model writes it; --claims-model linear uses the linear model)"

    public init(weights path: String, vocabulary vocabularyPath: String) throws(TransformerError) {
        let bytes: [UInt8], vocabulary: String
        guard FileManager.default.fileExists(atPath: path) else { throw TransformerError(path: path, TransformerClassifier.missing) }
        for (file, limit) in [(path, TransformerClassifier.maxWeightsBytes), (vocabularyPath, TransformerClassifier.maxVocabularyBytes)] {
            let size = (try? FileManager.default.attributesOfItem(atPath: file)[.size] as? Int) ?? 0
            guard size <= limit else { throw TransformerError(path: file, "\(size) bytes is more than a model file may hold (\(limit))") }
        }
        do {
            bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        } catch { throw TransformerError(path: path, "cannot read the model: \(error.localizedDescription)") }
        do {
            vocabulary = try String(contentsOfFile: vocabularyPath, encoding: .utf8)
        } catch { throw TransformerError(path: vocabularyPath, "cannot read the vocabulary: \(error.localizedDescription)") }
        try self.init(weights: bytes, path: path, vocabulary: vocabulary, vocabularyPath: vocabularyPath)
    }

    /// The fingerprint a weights file records, read from its header alone.
    public static func fingerprint(weights bytes: [UInt8], path: String) throws(TransformerError) -> String {
        try TransformerFile(bytes: bytes, path: path).header.fingerprint
    }

    /// The model from its file's bytes and its vocabulary's text; the paths locate problems.
    public init(weights bytes: [UInt8], path: String, vocabulary: String, vocabularyPath: String) throws(TransformerError) {
        try self.init(file: TransformerFile(bytes: bytes, path: path),
                      tokenizer: WordPiece(text: vocabulary, path: vocabularyPath))
    }

    init(file: TransformerFile, tokenizer: WordPiece) throws(TransformerError) {
        let h = file.header
        guard tokenizer.vocabulary.count == h.vocabSize else {
            throw TransformerError(path: file.path, "the vocabulary has \(tokenizer.vocabulary.count) tokens, the model \(h.vocabSize)")
        }
        self.labels = h.labels
        self.fingerprint = h.fingerprint
        self.tokenizer = tokenizer
        self.maxTokens = h.maxTokens
        self.heldOut = h.training?.heldOut.flatMap { $0.folds >= 2 && (0..<$0.folds).contains($0.fold) ? $0 : nil }
        self.hidden = h.hidden; self.heads = h.heads; self.intermediate = h.intermediate
        self.layerNormEps = Float(h.layerNormEps)
        func dense(_ name: String, inputs: Int, outputs: Int) throws(TransformerError) -> DenseLayer {
            DenseLayer(weight: try file.floats(name + ".weight", shape: [outputs, inputs]),
                       bias: try file.floats(name + ".bias", shape: [outputs]), inputs: inputs, outputs: outputs)
        }
        func norm(_ name: String) throws(TransformerError) -> Norm {
            Norm(gain: try file.floats(name + ".weight", shape: [h.hidden]), bias: try file.floats(name + ".bias", shape: [h.hidden]))
        }
        wordEmbeddings = try file.floats("embeddings.word_embeddings.weight", shape: [h.vocabSize, h.hidden])
        positionEmbeddings = try file.floats("embeddings.position_embeddings.weight", shape: [h.maxPositions, h.hidden])
        let types = try file.floats("embeddings.token_type_embeddings.weight", shape: [2, h.hidden])
        typeEmbeddings = Array(types[0..<h.hidden])
        embeddingNorm = try norm("embeddings.LayerNorm")
        var layers: [EncoderLayer] = []
        for index in 0..<h.layers {
            let p = "encoder.layer.\(index)."
            layers.append(EncoderLayer(
                query: try dense(p + "attention.self.query", inputs: h.hidden, outputs: h.hidden),
                key: try dense(p + "attention.self.key", inputs: h.hidden, outputs: h.hidden),
                value: try dense(p + "attention.self.value", inputs: h.hidden, outputs: h.hidden),
                attentionOutput: try dense(p + "attention.output.dense", inputs: h.hidden, outputs: h.hidden),
                attentionNorm: try norm(p + "attention.output.LayerNorm"),
                expand: try dense(p + "intermediate.dense", inputs: h.hidden, outputs: h.intermediate),
                contract: try dense(p + "output.dense", inputs: h.intermediate, outputs: h.hidden),
                outputNorm: try norm(p + "output.LayerNorm")))
        }
        self.layers = layers
        self.head = try dense("head", inputs: h.hidden, outputs: h.labels.count)
    }

    /// The ids the model reads for a text (`[CLS]`, pieces, `[SEP]`; at most `maxTokens`).
    public func ids(_ text: String) -> [Int32] { tokenizer.ids(text, limit: maxTokens) }

    public func logits(_ text: String) -> [Float] { logits(ids: ids(text)) }

    /// Logits for one sequence of ids; `skipping` leaves one encoder layer out (a test that a
    /// layer matters).
    func logits(ids: [Int32], skipping skipped: Int? = nil) -> [Float] {
        let n = ids.count, d = hidden
        var x = [Float](repeating: 0, count: n * d)
        for (position, id) in ids.enumerated() {
            let word = Int(id) * d, place = position * d
            for k in 0..<d { x[place + k] = wordEmbeddings[word + k] + positionEmbeddings[place + k] + typeEmbeddings[k] }
        }
        normalize(&x, rows: n, embeddingNorm)
        var scratch = Scratch(rows: n, hidden: d, intermediate: intermediate)
        for (index, layer) in layers.enumerated() where index != skipped {
            encode(&x, rows: n, layer, &scratch)
        }
        var pooled = [Float](repeating: 0, count: d)
        for row in 0..<n { for k in 0..<d { pooled[k] += x[row * d + k] } }
        for k in 0..<d { pooled[k] /= Float(n) }
        var logits = [Float](repeating: 0, count: labels.count)
        pooled.withUnsafeBufferPointer { p in logits.withUnsafeMutableBufferPointer { head.apply(p.baseAddress!, rows: 1, into: $0.baseAddress!) } }
        return logits
    }

    /// Softmax of the logits, in label order.
    public static func probabilities(_ logits: [Float]) -> [Double] { Softmax.probabilities(logits.map(Double.init)) }

    struct Scratch {
        var q, k, v, context, projected: [Float]
        var wide: [Float]
        var scores: [Float]
        init(rows: Int, hidden: Int, intermediate: Int) {
            q = [Float](repeating: 0, count: rows * hidden)
            k = q; v = q; context = q; projected = q
            wide = [Float](repeating: 0, count: rows * intermediate)
            scores = [Float](repeating: 0, count: rows)
        }
    }

    private func encode(_ x: inout [Float], rows n: Int, _ layer: EncoderLayer, _ s: inout Scratch) {
        let d = hidden, width = d / heads
        let scale = 1 / Float(width).squareRoot()
        x.withUnsafeBufferPointer { x in
            let x = x.baseAddress!
            s.q.withUnsafeMutableBufferPointer { layer.query.apply(x, rows: n, into: $0.baseAddress!) }
            s.k.withUnsafeMutableBufferPointer { layer.key.apply(x, rows: n, into: $0.baseAddress!) }
            s.v.withUnsafeMutableBufferPointer { layer.value.apply(x, rows: n, into: $0.baseAddress!) }
        }
        for head in 0..<heads {
            let offset = head * width
            for i in 0..<n {
                var top = -Float.infinity
                for j in 0..<n {
                    var dot: Float = 0
                    for t in 0..<width { dot += s.q[i * d + offset + t] * s.k[j * d + offset + t] }
                    s.scores[j] = dot * scale
                    top = max(top, s.scores[j])
                }
                var total: Float = 0
                for j in 0..<n { s.scores[j] = expf(s.scores[j] - top); total += s.scores[j] }
                for t in 0..<width {
                    var sum: Float = 0
                    for j in 0..<n { sum += s.scores[j] * s.v[j * d + offset + t] }
                    s.context[i * d + offset + t] = sum / total
                }
            }
        }
        s.context.withUnsafeBufferPointer { c in
            s.projected.withUnsafeMutableBufferPointer { layer.attentionOutput.apply(c.baseAddress!, rows: n, into: $0.baseAddress!) }
        }
        for index in 0..<(n * d) { x[index] += s.projected[index] }
        normalize(&x, rows: n, layer.attentionNorm)
        x.withUnsafeBufferPointer { x in
            s.wide.withUnsafeMutableBufferPointer { layer.expand.apply(x.baseAddress!, rows: n, into: $0.baseAddress!) }
        }
        for index in 0..<(n * intermediate) {
            let value = s.wide[index]
            s.wide[index] = 0.5 * value * (1 + erff(value * 0.70710678118654752))
        }
        s.wide.withUnsafeBufferPointer { w in
            s.projected.withUnsafeMutableBufferPointer { layer.contract.apply(w.baseAddress!, rows: n, into: $0.baseAddress!) }
        }
        for index in 0..<(n * d) { x[index] += s.projected[index] }
        normalize(&x, rows: n, layer.outputNorm)
    }

    private func normalize(_ x: inout [Float], rows: Int, _ norm: Norm) {
        let d = hidden
        for row in 0..<rows {
            let base = row * d
            var mean: Float = 0
            for k in 0..<d { mean += x[base + k] }
            mean /= Float(d)
            var variance: Float = 0
            for k in 0..<d { let delta = x[base + k] - mean; variance += delta * delta }
            variance /= Float(d)
            let inverse = 1 / (variance + layerNormEps).squareRoot()
            for k in 0..<d { x[base + k] = (x[base + k] - mean) * inverse * norm.gain[k] + norm.bias[k] }
        }
    }
}
