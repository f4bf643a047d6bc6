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
        #expect(throws: DiagnosticError.self) { try RulePackLoader(claimModel: .transformer).load(directory: directory) }
        #expect(throws: DiagnosticError.self) { try RulePackLoader(claimModel: .linear).load(directory: directory) }
        let lexiconOnly = try RulePackLoader(claimModel: .lexicon).load(directory: directory)
        #expect(lexiconOnly.claimModel == nil && lexiconOnly.claimTransformer == nil)
        do {
            _ = try RulePackLoader(claimModel: .transformer).load(directory: directory)
        } catch {
            #expect(error.diagnostics.first?.message.contains("no transformer model here") == true)
            #expect(error.diagnostics.first?.location.path.hasSuffix("models/claims-transformer.bin") == true)
        }
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
}
