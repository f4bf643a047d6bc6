import FlagAudit
import Foundation

let pack = try! RulePackLoader().load(directory: FuzzPaths.rules)
let classifier = pack.claimClassifier
let splitter = SentenceSplitter(abbreviations: pack.lexicon.abbreviations)
let extractor = SampleSizeExtractor(lexicon: pack.lexicon)

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let scalars = Array(text.unicodeScalars)
    for range in splitter.ranges(in: scalars) {
        precondition(range.lowerBound >= 0 && range.upperBound <= scalars.count)
        let tokens = Tokenizer.tokens(scalars[range])
        let claim = classifier.classify(tokens)
        if let cue = claim.cue { precondition(cue.upperBound <= tokens.count) }
    }
    _ = extractor.extract(text)
    return 0
}

enum FuzzPaths {
    static let rules = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../../rules").standardized.path
}
