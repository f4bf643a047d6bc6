import FlagAudit
import FuzzSupport

// pdftotext is not searched for: a PDF is refused at once instead of spawning a process per
// input (its own limits are tested in IngestTests).
let ingest = Ingest(searchPath: "/nonexistent")
let screener = Screener(pack: defaultPack, ingest: ingest)
let names = ["upload.html", "upload.docx", "upload.txt", "upload.pdf"]

// Exported under libFuzzer's name too: its archive's main() refers to it.
@_cdecl("LLVMFuzzerTestOneInput")
func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    // The first byte picks the name the bytes arrive under (as an upload's would); the bytes
    // themselves decide the format. Whatever they are, the screener answers.
    let input = bytes(data, size)
    let name = names[Int(input.first ?? 0) % names.count]
    _ = screener.screen(bytes: Array(input.dropFirst()), name: name)
    return 0
}

runFuzzer(fuzzOne)
