import FlagAudit
import FuzzSupport

let screener = Screener(pack: defaultPack)
let writer = EntryWriter(vocabulary: defaultPack.vocabulary)

// Exported under libFuzzer's name too: its archive's main() refers to it.
@_cdecl("LLVMFuzzerTestOneInput")
func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    // Raw text is any string: atlas pages, abstracts, news.
    let result = screener.screen(path: "fuzz.txt", text: text(data, size))
    _ = writer.yaml(for: result)
    return 0
}

runFuzzer(fuzzOne)
