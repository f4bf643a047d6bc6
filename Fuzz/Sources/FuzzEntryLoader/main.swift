import FlagAudit
import Foundation

// The default vocabulary, loaded once: the fuzzer feeds entry bytes, not packs.
let pack = try! RulePackLoader().load(directory: FuzzPaths.rules)
let loader = StudyLoader(vocabulary: pack.vocabulary)
let auditor = Auditor(pack: pack)

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let loaded = loader.load(path: "fuzz.yaml", bytes: Array(UnsafeBufferPointer(start: data, count: size)))
    // Every problem must be located inside the input.
    for diagnostic in loaded.diagnostics { precondition(diagnostic.location.line >= 1 && diagnostic.location.column >= 1) }
    _ = auditor.audit(loaded)
    return 0
}

enum FuzzPaths {
    static let rules = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../../rules").standardized.path
}
