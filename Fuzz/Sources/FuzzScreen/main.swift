import FlagAudit
import Foundation

let screener = Screener(pack: try! RulePackLoader().load(directory: FuzzPaths.rules))

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    // Raw text is any string: atlas pages, abstracts, news; invalid UTF-8 is repaired by decoding.
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let result = screener.screen(path: "fuzz.txt", text: text)
    _ = EntryWriter(vocabulary: screener.auditor.pack.vocabulary).yaml(for: result)
    return 0
}

enum FuzzPaths {
    static let rules = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../../rules").standardized.path
}
