
/// Escapes for ASCII characters, applied in one pass over a string's UTF-8: each listed
/// character becomes its escape (possibly empty), every other byte is kept. A string with
/// nothing to escape is returned as it is. One pass over the bytes, whatever the number of
/// characters escaped (`oneTablePassMeansWhatReplacingEachCharacterMeant` pins the meaning).
struct EscapeTable: Sendable {
    /// By ASCII value: the escape's bytes, or nil to keep the character.
    private let escapes: [[UInt8]?]

    init(_ escapes: [Unicode.Scalar: String]) {
        var table: [[UInt8]?] = Array(repeating: nil, count: 128)
        for (character, escape) in escapes {
            precondition(character.isASCII, "an escape table maps ASCII characters")
            table[Int(character.value)] = Array(escape.utf8)
        }
        self.escapes = table
    }

    func callAsFunction(_ text: String) -> String {
        var text = text
        let escaped: String? = text.withUTF8 { utf8 in
            guard let first = utf8.firstIndex(where: { $0 < 0x80 && escapes[Int($0)] != nil }) else { return nil }
            var output: [UInt8] = []
            output.reserveCapacity(utf8.count + 16)
            output.append(contentsOf: utf8[..<first])
            for byte in utf8[first...] {
                if byte < 0x80, let escape = escapes[Int(byte)] {
                    output.append(contentsOf: escape)
                } else {
                    output.append(byte)
                }
            }
            return String(decoding: output, as: UTF8.self)
        }
        return escaped ?? text
    }
}
