import ArgumentParser
import FlagAudit
import Foundation

struct ClaimsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "claims",
        abstract: "Classify the claim strength of sentences, one per line (standard input or files); prints JSON lines.",
        discussion: "Exit status: 0 classified, 2 a file cannot be read or the model cannot be loaded."
    )

    @Argument(help: "Files of sentences, one per line (default: standard input).")
    var files: [String] = []

    @OptionGroup var rules: PackOption

    /// Default: the transformer (one sentence at a time, its milliseconds do not matter here).
    @OptionGroup var model: ClaimModelOption

    @Flag(help: "Add the cue and the strongest model features to each line.")
    var explain = false

    static let maxCharacters = 100_000

    func run() async throws {
        let classifier = try PackOption.load(rules.rulesDirectory, claimModel: model.claimModel ?? .transformer).claimClassifier
        var texts: [String] = []
        let sources: [(name: String, bytes: [UInt8])] = try files.isEmpty
            ? [("<stdin>", [UInt8](FileHandle.standardInput.readDataToEndOfFile()))]
            : files.map { file in (file, try Stopping.onDiagnostics { () throws(DiagnosticError) in try FileInput.read(file, limit: 256 << 20) }) }
        for (name, bytes) in sources {
            for (index, line) in bytes.split(separator: 0x0A, omittingEmptySubsequences: false).enumerated() {
                let content = line.last == 0x0D ? line.dropLast() : line
                guard let text = String(validating: content, as: UTF8.self) else {
                    Output.error("\(name):\(index + 1): warning: skipped: not valid UTF-8")
                    continue
                }
                if text.trimmedWhitespace.isEmpty { continue }
                // A sentence is never this long; the words past the bound are not read.
                if let bounded = text.prefix(scalars: ClaimsCommand.maxCharacters) {
                    Output.error("\(name):\(index + 1): warning: a line of \(text.unicodeScalars.count) characters: only its first \(ClaimsCommand.maxCharacters) are classified")
                    texts.append(bounded)
                } else {
                    texts.append(text)
                }
            }
        }
        let claims = await classifier.classify(batch: texts)
        var output = ""
        for (text, claim) in zip(texts, claims) {
            let tokens = Tokenizer.tokens(text)
            var fields: [(String, JSONValue)] = [("text", .string(text)), ("strength", .string(claim.strength.rawValue))]
            if explain {
                let cue = claim.cue.map { range in range.map { tokens[$0].text }.joined(separator: " ") }
                fields.append(("cue", .optional(cue)))
                if case .transformer = classifier.model {
                    fields.append(("model", .string(classifier.model.name)))
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
