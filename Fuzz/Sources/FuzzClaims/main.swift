import FlagAudit
import FuzzSupport

let classifier = defaultPack.claimClassifier
let splitter = SentenceSplitter(abbreviations: defaultPack.lexicon.abbreviations)
let extractor = SampleSizeExtractor(lexicon: defaultPack.lexicon)

// Exported under libFuzzer's name too: its archive's main() refers to it.
@_cdecl("LLVMFuzzerTestOneInput")
func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let input = text(data, size)
    let scalars = Array(input.unicodeScalars)
    for range in splitter.ranges(in: scalars) {
        precondition(range.lowerBound >= 0 && range.upperBound <= scalars.count)
        let tokens = Tokenizer.tokens(scalars[range])
        if let cue = classifier.classify(tokens).cue { precondition(cue.upperBound <= tokens.count) }
    }
    _ = extractor.extract(input)
    return 0
}

runFuzzer(fuzzOne)
