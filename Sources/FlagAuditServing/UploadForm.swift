import Foundation
import MultipartKit
import NIOCore

/// The fields of a submitted form: `multipart/form-data` (a file, or pasted text) or
/// `application/x-www-form-urlencoded` (pasted text only), each field's bytes and, for files,
/// the file name the browser sent.
struct UploadForm: Sendable {
    struct Field: Sendable {
        var name: String
        var fileName: String?
        var bytes: [UInt8]
    }

    var fields: [Field] = []

    enum Failure: Error, Equatable {
        case malformed(String)
    }

    subscript(name: String) -> Field? { fields.first { $0.name == name } }

    /// Parses `body` as the form `contentType` says it is.
    static func parse(_ body: [UInt8], contentType: String) throws(Failure) -> UploadForm {
        let lower = contentType.lowercased()
        if lower.hasPrefix("application/x-www-form-urlencoded") { return urlEncoded(body) }
        guard lower.hasPrefix("multipart/form-data") else { throw .malformed("expected a form (multipart/form-data), got '\(contentType)'") }
        guard let boundary = parameter("boundary", in: contentType), !boundary.isEmpty, boundary.utf8.count <= 200 else {
            throw .malformed("the multipart form has no boundary")
        }
        var form = UploadForm()
        var headers: [(String, String)] = []
        var bytes: [UInt8] = []
        let parser = MultipartParser(boundary: boundary)
        parser.onHeader = { headers.append(($0.lowercased(), $1)) }
        parser.onBody = { buffer in bytes.append(contentsOf: buffer.readableBytesView) }
        var broken: String?
        parser.onPartComplete = {
            let disposition = headers.first { $0.0 == "content-disposition" }?.1 ?? ""
            if let name = parameter("name", in: disposition) {
                form.fields.append(Field(name: name, fileName: parameter("filename", in: disposition), bytes: bytes))
            } else {
                broken = "a part of the form has no name"
            }
            headers = []
            bytes = []
        }
        do { try parser.execute(body) } catch { throw .malformed("the multipart form is malformed") }
        if let broken { throw .malformed(broken) }
        // A body cut off in transfer parses part by part as far as it goes: only the closing
        // delimiter says the form is whole.
        guard body.firstRange(of: Array("--\(boundary)--".utf8)) != nil else { throw .malformed("the multipart form is cut off (no closing boundary)") }
        guard !form.fields.isEmpty else { throw .malformed("the multipart form has no parts (is its boundary right?)") }
        return form
    }

    /// `key="value"` or `key=value` in a header such as `Content-Disposition`. A quoted value
    /// may hold `;` and `\"`, as browsers write `filename="a;b \"c\".pdf"`.
    static func parameter(_ key: String, in header: String) -> String? {
        var parts: [(name: String, value: String)] = []
        var name = "", value = "", inValue = false, quoted = false, escaped = false
        func endPart() {
            parts.append((name.trimmingCharacters(in: .whitespaces).lowercased(), quoted ? value : value.trimmingCharacters(in: .whitespaces)))
            (name, value, inValue) = ("", "", false)
        }
        var inQuotes = false
        for character in header {
            if inQuotes {
                if escaped { value.append(character); escaped = false }
                else if character == "\\" { escaped = true }
                else if character == "\"" { inQuotes = false }
                else { value.append(character) }
            } else if character == ";" {
                endPart()
                quoted = false
            } else if inValue {
                if character == "\"" && value.trimmingCharacters(in: .whitespaces).isEmpty {
                    (value, inQuotes, quoted) = ("", true, true)
                } else if !quoted {
                    value.append(character)
                }
            } else if character == "=" {
                inValue = true
            } else {
                name.append(character)
            }
        }
        endPart()
        // The first part is the header's own value (`form-data`, `multipart/form-data`).
        return parts.dropFirst().first { $0.name == key }?.value
    }

    private static func urlEncoded(_ body: [UInt8]) -> UploadForm {
        var form = UploadForm()
        for pair in body.split(separator: UInt8(ascii: "&")) {
            let parts = pair.split(separator: UInt8(ascii: "="), maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ bytes: ArraySlice<UInt8>) -> [UInt8] {
                var out: [UInt8] = []
                var index = bytes.startIndex
                while index < bytes.endIndex {
                    let byte = bytes[index]
                    if byte == UInt8(ascii: "+") {
                        out.append(0x20)
                    } else if byte == UInt8(ascii: "%"), index + 2 < bytes.endIndex,
                        let value = UInt8(String(decoding: bytes[(index + 1)...(index + 2)], as: UTF8.self), radix: 16)
                    {
                        out.append(value)
                        index += 2
                    } else {
                        out.append(byte)
                    }
                    index += 1
                }
                return out
            }
            let name = String(decoding: decode(parts[0]), as: UTF8.self)
            form.fields.append(Field(name: name, fileName: nil, bytes: parts.count > 1 ? decode(parts[1]) : []))
        }
        return form
    }
}
