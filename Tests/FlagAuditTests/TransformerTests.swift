import Foundation
import Testing
@testable import FlagAuditModel
@testable import FlagAuditTransformer
@testable import FlagAuditText
@testable import FlagAuditLearning
@testable import FlagAuditEngine

/// The Swift transformer against the reference it reimplements: `scripts/train-claims-model`
/// writes, with the shipped weights, the tokenizer's ids of hard strings and PyTorch's logits of
/// invented sentences (Tests/Fixtures).
@Suite("The claim transformer: parity with the reference")
struct TransformerTests {
    static let weights = Fixtures.root + "/rules/models/claims-transformer.bin"
    static let vocabulary = Fixtures.root + "/rules/models/claims-transformer.vocab.txt"

    static let model: TransformerClassifier = {
        do { return try TransformerClassifier(weights: weights, vocabulary: vocabulary) } catch { fatalError("\(error)") }
    }()

    struct TokenCase: Decodable { var text: String; var ids: [Int32] }
    struct LogitCase: Decodable { var text: String; var logits: [Float] }

    static func fixture<T: Decodable>(_ name: String, as: T.Type) throws -> [T] {
        try JSONDecoder().decode([T].self, from: Data(contentsOf: URL(fileURLWithPath: Fixtures.root + "/Tests/Fixtures/" + name)))
    }

    @Test func tokenIdsAreTheReferenceTokenizers() throws {
        let cases = try Self.fixture("transformer-tokens.json", as: TokenCase.self)
        #expect(cases.count >= 300)
        for item in cases {
            #expect(Self.model.ids(item.text) == item.ids, "\(item.text.debugDescription)")
        }
    }

    @Test func logitsArePyTorchsWithinAThousandth() throws {
        let cases = try Self.fixture("transformer-logits.json", as: LogitCase.self)
        #expect(cases.count >= 30)
        for item in cases {
            let logits = Self.model.logits(item.text)
            let gap = zip(logits, item.logits).map { abs($0 - $1) }.max() ?? .infinity
            #expect(logits.count == item.logits.count && gap < 1e-3, "\(item.text.debugDescription): \(logits) against \(item.logits)")
        }
    }

    /// Every layer counts: leaving any one out moves the logits well past the parity tolerance.
    @Test func skippingALayerBreaksParity() throws {
        let item = try #require(try Self.fixture("transformer-logits.json", as: LogitCase.self).first)
        let ids = Self.model.ids(item.text)
        for layer in Self.model.layers.indices {
            let logits = Self.model.logits(ids: ids, skipping: layer)
            #expect(zip(logits, item.logits).map { abs($0 - $1) }.max()! > 1e-2, "layer \(layer)")
        }
    }

    // Bad weights files: refused with the file named and the reason, never read as a model.

    static func refusal(_ bytes: [UInt8]) -> String? {
        do {
            let file = try TransformerFile(bytes: bytes, path: "bad.bin")
            _ = try TransformerClassifier(file: file, tokenizer: model.tokenizer)
            return nil
        } catch {
            return error.description
        }
    }

    static var shipped: [UInt8] { get throws { try [UInt8](Data(contentsOf: URL(fileURLWithPath: weights))) } }

    /// Where a tensor's values start in the file (data start + offset).
    static func start(of name: String, in bytes: [UInt8]) throws -> Int {
        let file = try TransformerFile(bytes: bytes, path: "x")
        let length = Int(bytes[8]) | Int(bytes[9]) << 8 | Int(bytes[10]) << 16 | Int(bytes[11]) << 24
        let tensor = try #require(file.header.tensors.first { $0.name == name })
        return (12 + length + 63) / 64 * 64 + tensor.offset
    }

    @Test func truncatedWrongAndNonFiniteWeightsAreRefusedWithTheReason() throws {
        let bytes = try Self.shipped
        #expect(Self.refusal(bytes) == nil)
        #expect(Self.refusal(Array(bytes.prefix(bytes.count / 2)))?.contains("bad.bin: error: the file is truncated") == true)
        #expect(Self.refusal(Array(bytes.prefix(40)))?.contains("truncated") == true)
        #expect(Self.refusal(Array("not a model".utf8))?.contains("FATRANS1") == true)
        #expect(Self.refusal([]) != nil)
        var nan = bytes
        let bias = try Self.start(of: "encoder.layer.2.output.dense.bias", in: bytes)
        nan.replaceSubrange((bias + 8)..<(bias + 12), with: [0x00, 0x00, 0xC0, 0x7F])
        #expect(Self.refusal(nan)?.contains("encoder.layer.2.output.dense.bias holds a value that is not a finite number") == true)
        var scale = bytes
        let matrix = try TransformerFile(bytes: bytes, path: "x").header.tensors.first { $0.dtype == "i8" }!
        let scales = try Self.start(of: matrix.name, in: bytes) - matrix.offset + matrix.scales!
        scale.replaceSubrange(scales..<(scales + 4), with: [0x00, 0x00, 0x80, 0x7F])
        #expect(Self.refusal(scale)?.contains("\(matrix.name) holds a value that is not a finite number") == true)
    }

    @Test func aModelAskedForByNameMustBeInThePack() throws {
        let directory = try Fixtures.directory([:])
        defer { Fixtures.remove(directory) }
        for name in ["vocabulary.yaml", "lexicon.yaml"] {
            try FileManager.default.copyItem(atPath: Fixtures.rulesDirectory + "/" + name, toPath: directory + "/" + name)
        }
        let missing = #expect(throws: DiagnosticError.self) { try RulePackLoader(claimModel: .transformer).load(directory: directory) }
        #expect(missing?.diagnostics.first?.message.contains("no transformer model here") == true)
        #expect(missing?.diagnostics.first?.location.path.hasSuffix("models/claims-transformer.bin") == true)
        let noLinear = #expect(throws: DiagnosticError.self) { try RulePackLoader(claimModel: .linear).load(directory: directory) }
        #expect(noLinear?.diagnostics.first?.message.contains("linear claim model is missing") == true)
        let byDefault = #expect(throws: DiagnosticError.self) { try RulePackLoader().load(directory: directory) }
        #expect(byDefault?.diagnostics.first?.message.contains("--claims-model lexicon") == true)
        let lexiconOnly = try RulePackLoader(claimModel: .lexicon).load(directory: directory)
        #expect(lexiconOnly.claimModel == nil && lexiconOnly.claimTransformer == nil)
    }

    @Test func theTransformerDecidesAndTheCueStillShowsWhere() throws {
        let pack = try RulePackLoader(claimModel: .transformer).load(directory: Fixtures.rulesDirectory)
        let classifier = pack.claimClassifier
        let sentence = "Graded exercise led to improved physical function."
        let tokens = Tokenizer.tokens(sentence)
        let claim = classifier.classify(tokens, text: sentence)
        #expect(claim.strength == .directCausal)
        #expect(claim.cue.map { $0.map { tokens[$0].text }.joined(separator: " ") } == "led to")
        #expect(claim.probabilities.count == 4 && abs(claim.probabilities.reduce(0, +) - 1) < 1e-9)
        let words = classifier.influentialWords(sentence, tokens: tokens, strength: claim.strength)
        #expect(words.contains { ["led", "improved"].contains($0.word) }, "\(words)")
        #expect(classifier.classify("Higher IL-6 levels were associated with worse fatigue.").strength == .correlational)
    }

    /// Classified on several tasks or one, every sentence gets the same analysis, to the bit.
    @Test func batchesOnAnyNumberOfTasksAgreeToTheBit() async throws {
        let classifier = try RulePackLoader(claimModel: .transformer).load(directory: Fixtures.rulesDirectory).claimClassifier
        let sentences = try Self.fixture("transformer-logits.json", as: LogitCase.self).map(\.text)
        let one = await classifier.classify(batch: sentences, tasks: 1)
        let three = await classifier.classify(batch: sentences, tasks: 3)
        #expect(one.map(\.probabilities) == three.map(\.probabilities))
        #expect(one.map(\.probabilities) == sentences.map { classifier.classify($0).probabilities })
    }

    @Test func aLinearModelWithANonFiniteWeightIsRefusedAtItsLine() {
        for weight in ["nan", "inf", "-inf"] {
            do {
                _ = try LinearModel(parsing: "# m\nclasses\ta\tb\nbias\t0\t0\nw:x\t\(weight)\t1\n", path: "claims.tsv")
                Issue.record("\(weight) was accepted")
            } catch {
                #expect(error.diagnostics.first?.location == SourceLocation(path: "claims.tsv", line: 4, column: 1))
                #expect(error.diagnostics.first?.message.contains("not a finite number") == true)
            }
        }
    }

    /// The shipped file with its header changed by `edit` (the data moved to the new header's end).
    static func rewritten(_ bytes: [UInt8], _ edit: (inout [String: Any]) -> Void) throws -> [UInt8] {
        let length = Int(bytes[8]) | Int(bytes[9]) << 8 | Int(bytes[10]) << 16 | Int(bytes[11]) << 24
        var header = try #require(try JSONSerialization.jsonObject(with: Data(bytes[12..<(12 + length)])) as? [String: Any])
        edit(&header)
        let json = [UInt8](try JSONSerialization.data(withJSONObject: header))
        let data = bytes[((12 + length + 63) / 64 * 64)...]
        var out = Array("FATRANS1".utf8) + withUnsafeBytes(of: UInt32(json.count).littleEndian, Array.init) + json
        out += [UInt8](repeating: 0, count: (64 - out.count % 64) % 64)
        return out + data
    }

    static func editTensor(_ name: String, in header: inout [String: Any], _ edit: (inout [String: Any]) -> Void) {
        var tensors = header["tensors"] as! [[String: Any]]
        let index = tensors.firstIndex { $0["name"] as? String == name }!
        edit(&tensors[index])
        header["tensors"] = tensors
    }

    @Test func aHeaderThatLiesIsRefusedNotTrusted() throws {
        let bytes = try Self.shipped
        #expect(Self.refusal(try Self.rewritten(bytes) { _ in }) == nil)
        let cases: [(String, (inout [String: Any]) -> Void)] = [
            ("version 2 is not", { $0["version"] = 2 }),
            ("out of range", { $0["hidden"] = 1 << 40 }),
            ("out of range", { $0["layers"] = 0 }),
            ("GELU", { $0["activation"] = "relu" }),
            ("has no tensor encoder.layer.5.output.dense.weight", { h in
                h["tensors"] = (h["tensors"] as! [[String: Any]]).filter { $0["name"] as? String != "encoder.layer.5.output.dense.weight" }
            }),
            ("has shape [384, 385], expected [384, 384]", { Self.editTensor("encoder.layer.0.attention.self.query.weight", in: &$0) { $0["shape"] = [384, 385] } }),
            ("runs past its end", { Self.editTensor("head.bias", in: &$0) { $0["offset"] = Int.max } }),
            ("runs past its end", { Self.editTensor("encoder.layer.1.intermediate.dense.weight", in: &$0) { $0["scales"] = Int.max - 3 } }),
            ("storage 'f16'", { Self.editTensor("head.weight", in: &$0) { $0["dtype"] = "f16" } }),
            ("the vocabulary has 30522 tokens, the model 30523", { $0["vocab_size"] = 30523 }),
        ]
        for (reason, edit) in cases {
            let refusal = Self.refusal(try Self.rewritten(bytes, edit))
            #expect(refusal?.contains(reason) == true, "\(reason): \(refusal ?? "accepted")")
        }
    }

    @Test func aVocabularyIsReadFromLFOrCRLFAndATokenWrittenTwiceIsRefused() throws {
        let text = "[PAD]\n[UNK]\n[CLS]\n[SEP]\n[MASK]\nfatigue\n##s\npain\n"
        let lf = try WordPiece(text: text, path: "v.txt")
        let crlf = try WordPiece(text: text.replacingOccurrences(of: "\n", with: "\r\n"), path: "v.txt")
        #expect(lf.ids("Fatigues, pain", limit: 16) == [2, 5, 6, 1, 7, 3])
        #expect(crlf.vocabulary == lf.vocabulary)
        let twice = #expect(throws: TransformerError.self) { try WordPiece(text: text + "pain\n", path: "v.txt") }
        #expect(twice?.message == "line 9: 'pain' is already a token of the vocabulary")
    }

    /// The blocked product against the plain triple loop, at sizes that leave partial blocks of
    /// rows and outputs and a scalar tail of inputs.
    @Test func denseLayersAreThePlainProductAtEverySize() {
        var generator = SplitMix64(seed: 11)
        for inputs in [1, 4, 5, 7, 9] {
            for outputs in [1, 2, 3, 4, 5, 7] {
                for rows in [1, 2, 3, 4, 5, 9] {
                    let weight = (0..<(inputs * outputs)).map { _ in Float(Int(generator.next() % 2001) - 1000) / 1000 }
                    let bias = (0..<outputs).map { _ in Float(Int(generator.next() % 201) - 100) / 100 }
                    let x = (0..<(rows * inputs)).map { _ in Float(Int(generator.next() % 2001) - 1000) / 1000 }
                    let layer = DenseLayer(weight: weight, bias: bias, inputs: inputs, outputs: outputs)
                    var y = [Float](repeating: .nan, count: rows * outputs)
                    x.withUnsafeBufferPointer { x in y.withUnsafeMutableBufferPointer { layer.apply(x.baseAddress!, rows: rows, into: $0.baseAddress!) } }
                    var worst: Float = 0
                    for r in 0..<rows {
                        for o in 0..<outputs {
                            var sum = bias[o]
                            for k in 0..<inputs { sum += x[r * inputs + k] * weight[o * inputs + k] }
                            worst = max(worst, abs(sum - y[r * outputs + o]))
                        }
                    }
                    #expect(worst < 1e-5, "inputs \(inputs), outputs \(outputs), rows \(rows): \(worst)")
                }
            }
        }
    }
}
