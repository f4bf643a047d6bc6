import FlagAudit
import Foundation

let pack = try! RulePackLoader().load(directory: FuzzPaths.rules)

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    do {
        let rules = try RulePackLoader().parseRuleFile(path: "fuzz.yaml", bytes: bytes, vocabulary: pack.vocabulary, lexicon: pack.lexicon)
        // A rule that loads must run on its own examples without trapping.
        _ = ExampleRunner(pack: RulePack(vocabulary: pack.vocabulary, lexicon: pack.lexicon, rules: rules)).run()
    } catch {
        for diagnostic in error.diagnostics { precondition(diagnostic.location.line >= 1) }
    }
    return 0
}

enum FuzzPaths {
    static let rules = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../../rules").standardized.path
}
