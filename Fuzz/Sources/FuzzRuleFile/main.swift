import FlagAudit
import FuzzSupport

runFuzzer { data, size in
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
