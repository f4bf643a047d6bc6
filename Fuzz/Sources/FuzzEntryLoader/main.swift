import FlagAudit
import FuzzSupport

let loader = StudyLoader(vocabulary: defaultPack.vocabulary)
let auditor = Auditor(pack: defaultPack)

runFuzzer { data, size in
    let loaded = loader.load(path: "fuzz.yaml", bytes: bytes(data, size))
    // Every problem must be located inside the input.
    for diagnostic in loaded.diagnostics { precondition(diagnostic.location.line >= 1 && diagnostic.location.column >= 1) }
    _ = auditor.audit(loaded)
    return 0
}
