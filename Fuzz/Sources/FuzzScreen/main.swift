import FlagAudit
import FuzzSupport

let screener = Screener(pack: defaultPack)
let writer = EntryWriter(vocabulary: defaultPack.vocabulary)

runFuzzer { data, size in
    // Raw text is any string: atlas pages, abstracts, news.
    let result = screener.screen(path: "fuzz.txt", text: text(data, size))
    _ = writer.yaml(for: result)
    return 0
}
