import FlagAudit
import FuzzSupport

// Exported under libFuzzer's name too: its archive's main() refers to it.
@_cdecl("LLVMFuzzerTestOneInput")
func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let pack = defaultPack
    do throws(DiagnosticError) {
        let rules = try RulePackLoader().parseRuleFile(path: "fuzz.yaml", bytes: bytes(data, size), vocabulary: pack.vocabulary, lexicon: pack.lexicon)
        // A rule that loads must run on its own examples without trapping.
        _ = ExampleRunner(pack: RulePack(vocabulary: pack.vocabulary, lexicon: pack.lexicon, rules: rules)).run()
    } catch {
        for diagnostic in error.diagnostics { precondition(diagnostic.location.line >= 1) }
    }
    return 0
}

runFuzzer(fuzzOne)
