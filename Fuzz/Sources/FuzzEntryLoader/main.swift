import FlagAudit
import FuzzSupport

let loader = StudyLoader(vocabulary: defaultPack.vocabulary)
let auditor = Auditor(pack: defaultPack)

// Exported under libFuzzer's name too: its archive's main() refers to it.
@_cdecl("LLVMFuzzerTestOneInput")
func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let loaded = loader.load(path: "fuzz.yaml", bytes: bytes(data, size))
    // Every problem must be located inside the input.
    for diagnostic in loaded.diagnostics { precondition(diagnostic.location.line >= 1 && diagnostic.location.column >= 1) }
    _ = auditor.audit(loaded)
    return 0
}

runFuzzer(fuzzOne)
