import ArgumentParser
import FlagAudit
import Foundation

struct ClaimsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "claims",
        abstract: "Classify the claim strength of sentences, one per line (standard input or files); prints JSON lines."
    )

    @Argument(help: "Files of sentences, one per line (default: standard input).")
    var files: [String] = []

    @OptionGroup var rules: PackOption

    /// Default: the transformer (one sentence at a time, its milliseconds do not matter here).
    @OptionGroup var model: ClaimModelOption

    @Flag(help: "Add the cue and the strongest model features to each line.")
    var explain = false

    func run() async throws {
        let classifier = try PackOption.load(rules.rulesDirectory, claimModel: model.claimModel ?? .transformer).claimClassifier
        var inputs: [String] = []
        if files.isEmpty {
            while let line = readLine(strippingNewline: true) { inputs.append(line) }
        } else {
            for file in files {
                let bytes = try Stopping.onDiagnostics { () throws(DiagnosticError) in try FileInput.read(file, limit: 256 << 20) }
                inputs += String(decoding: bytes, as: UTF8.self).scalarLines
            }
        }
        let texts = inputs.map { $0.hasSuffix("\r") ? String($0.dropLast()) : $0 }.filter { !$0.trimmedWhitespace.isEmpty }
        let claims = await classifier.classify(batch: texts)
        var output = ""
        for (text, claim) in zip(texts, claims) {
            let tokens = Tokenizer.tokens(text)
            var fields: [(String, JSONValue)] = [("text", .string(text)), ("strength", .string(claim.strength.rawValue))]
            if explain {
                let cue = claim.cue.map { range in range.map { tokens[$0].text }.joined(separator: " ") }
                fields.append(("cue", .optional(cue)))
                if case .transformer = classifier.model {
                    fields.append(("model", .string("transformer")))
                    fields.append(("probabilities", .object(zip(ClaimStrength.allCases, claim.probabilities).map { ($0.rawValue, .fraction($1)) })))
                    let words = classifier.influentialWords(text, tokens: tokens, strength: claim.strength)
                    fields.append(("words", .array(words.map { .string($0.word) })))
                } else {
                    fields.append(("features", .array(claim.features.map { .string($0.feature) })))
                }
            }
            output += JSONValue.object(fields).serialized(indent: nil) + "\n"
        }
        Output.write(output)
    }
}
