import ArgumentParser
import FlagAudit
import Foundation

struct ClaimsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "claims",
        abstract: "Classify the claim strength of sentences, one per line (standard input or files); prints JSON lines."
    )

    @Argument(help: "Files of sentences, one per line (default: standard input).")
    var files: [String] = []

    @OptionGroup var rules: PackOption

    @Flag(help: "Add the cue and the strongest model features to each line.")
    var explain = false

    func run() throws {
        let classifier = try rules.load().claimClassifier
        var inputs: [String] = []
        if files.isEmpty {
            while let line = readLine(strippingNewline: true) { inputs.append(line) }
        } else {
            for file in files {
                let bytes = try Stopping.onDiagnostics { () throws(DiagnosticError) in try FileInput.read(file, limit: 256 << 20) }
                inputs += String(decoding: bytes, as: UTF8.self).scalarLines
            }
        }
        var output = ""
        for line in inputs {
            let text = line.hasSuffix("\r") ? String(line.dropLast()) : line
            if text.trimmedWhitespace.isEmpty { continue }
            let tokens = Tokenizer.tokens(text)
            let claim = classifier.classify(tokens)
            var fields: [(String, JSONValue)] = [("text", .string(text)), ("strength", .string(claim.strength.rawValue))]
            if explain {
                let cue = claim.cue.map { range in range.map { tokens[$0].text }.joined(separator: " ") }
                fields.append(("cue", .optional(cue)))
                fields.append(("features", .array(claim.features.map { .string($0.feature) })))
            }
            output += JSONValue.object(fields).serialized(indent: nil) + "\n"
        }
        Output.write(output)
    }
}
