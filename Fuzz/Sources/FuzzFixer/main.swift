import FlagAudit
import FuzzSupport

let auditor = Auditor(pack: defaultPack)
let fixer = EntryFixer(vocabulary: defaultPack.vocabulary)
/// Every line break libyaml knows, in UTF-8.
let breaks: [[UInt8]] = [[0x0A], [0x0D, 0x0A], [0x0D], [0xC2, 0x85], [0xE2, 0x80, 0xA8], [0xE2, 0x80, 0xA9]]

/// The input as an entry whose line feeds become breaks of every kind: the first byte picks
/// the pattern, so libFuzzer explores files that mix them (a title with U+2028 in an LF file,
/// CR-only files, NEL in a comment).
func entry(_ input: [UInt8]) -> [UInt8] {
    guard let pattern = input.first else { return [] }
    var out: [UInt8] = []
    out.reserveCapacity(input.count + 16)
    var k = 0
    for byte in input.dropFirst() {
        guard byte == 0x0A else {
            out.append(byte)
            continue
        }
        // Mostly LF, as real files are; the pattern's bits decide where the others go.
        let choice = (Int(pattern) >> (k % 8)) & 1 == 0 ? 0 : 1 + (Int(pattern) + k) % 5
        out += breaks[choice]
        k += 1
    }
    return out
}

// Exported under libFuzzer's name too: its archive's main() refers to it.
@_cdecl("LLVMFuzzerTestOneInput")
func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let source = entry(bytes(data, size))
    let report = auditor.audit(auditor.loader.load(path: "fuzz.yaml", bytes: source))
    guard let before = report.study else { return 0 }
    let text = String(decoding: source, as: UTF8.self)
    let fix = fixer.fix(report, source: text)
    guard fix.changed else { return 0 }
    // A fix that is kept reads back as the entry audited, plus flags in tags.method_flags:
    // checked here by the audit, independently of the fixer's own check.
    let again = auditor.audit(auditor.loader.load(path: "fuzz.yaml", bytes: Array(fix.fixed.utf8)))
    guard let after = again.study else { preconditionFailure("the fixed entry does not load: \(fix.changes)") }
    precondition(!again.findings.contains { $0.severity == .error }, "the fixed entry has errors: \(again.findings.filter { $0.severity == .error }.map(\.message))")
    for field in StudyField.allCases where field != .methodFlags {
        precondition(after.values(of: field) == before.values(of: field), "the fix changed \(field.displayName)")
        precondition(after.texts(field)?.map(\.text) == before.texts(field)?.map(\.text), "the fix changed the text of \(field.displayName)")
    }
    precondition(after.tags.mapValues { $0.map(\.value) } == before.tags.mapValues { $0.map(\.value) }, "the fix changed other tags")
    let declared = Set(report.declaredFlags)
    let now = Set(again.declaredFlags)
    precondition(declared.isSubset(of: now), "the fix lost a declared flag")
    precondition(now.subtracting(declared).isSubset(of: Set(report.missingFlags)), "the fix added a flag that was not missing")
    precondition(!again.findings.contains { $0.rule == BuiltinCheck.duplicateTerm.rawValue && !report.findings.contains { $0.rule == BuiltinCheck.duplicateTerm.rawValue } },
                 "the fix listed a term twice")
    return 0
}

runFuzzer(fuzzOne)
