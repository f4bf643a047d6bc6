import Foundation

/// A compiled regular expression from a rule, matched case-insensitively within one sentence.
public struct TextPattern: @unchecked Sendable {
    // NSRegularExpression is immutable after creation and documented as safe to share across threads.
    public let source: String
    private let regex: NSRegularExpression

    public init(_ source: String) throws {
        self.source = source
        self.regex = try NSRegularExpression(pattern: source, options: [.caseInsensitive])
    }

    /// Scalar-offset ranges of every match in `text`.
    public func matches(in text: String) -> [Range<Int>] {
        let utf16 = text.utf16
        return regex.matches(in: text, range: NSRange(location: 0, length: utf16.count)).compactMap { result in
            guard let range = Range(result.range, in: text) else { return nil }
            let start = text.unicodeScalars.distance(from: text.unicodeScalars.startIndex, to: range.lowerBound)
            let length = text.unicodeScalars.distance(from: range.lowerBound, to: range.upperBound)
            return start..<(start + length)
        }
    }
}
