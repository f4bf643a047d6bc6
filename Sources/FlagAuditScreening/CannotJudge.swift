import FlagAuditModel

/// Why a text is not judged. FlagAudit reads English research texts that say how a study was
/// done; on anything else its silence would read as a clean study, so it says so instead and
/// suggests no flag built on evidence it could not have seen.
public struct CannotJudge: Sendable, Equatable {
    public enum Reason: String, Sendable {
        case empty
        case tooShort = "too-short"
        case notEnglish = "not-english"
        case noMethods = "no-methods"
    }

    public var reason: Reason
    public var message: String

    /// Fewer words than this is a title or a snippet, not a text that describes a study.
    public static let minimumWords = 40

    /// Whether a text that is not an atlas page can be judged: its words, then what was read.
    public static func assess(text: String, extraction: Extraction, format: String) -> CannotJudge? {
        let words = LanguageProfile.words(text)
        if words.isEmpty {
            let what = format == "pdf" ? "no text could be extracted from the PDF (a scanned image? run OCR first)" : "the text is empty"
            return CannotJudge(reason: .empty, message: "\(what); nothing to judge")
        }
        if words.count >= 20 {
            // The opening 2,000 words tell the language as well as a whole book would.
            let guess = LanguageProfile.guess(Array(words.prefix(2000)))
            if let guess, guess.language != "English" {
                return CannotJudge(reason: .notEnglish, message: "the text reads as \(guess.language); FlagAudit reads English texts only, so no flag is suggested")
            }
            if guess == nil {
                return CannotJudge(reason: .notEnglish, message: "the text does not read as English; FlagAudit reads English texts only, so no flag is suggested")
            }
        }
        if words.count < minimumWords {
            return CannotJudge(reason: .tooShort, message: "the text has \(words.count) words; at least \(minimumWords) (an abstract's worth) are needed to judge a study")
        }
        let saysHow = extraction.design != nil || extraction.sampleSize != nil || extraction.randomized != nil
            || extraction.blinded != nil || extraction.control != nil || extraction.review != nil
        if !saysHow {
            return CannotJudge(reason: .noMethods, message: "the text names no design, sample size, randomisation, blinding or control group; only flags quoting its sentences are suggested")
        }
        return nil
    }

    public var json: JSONValue { .object([("reason", .string(reason.rawValue)), ("message", .string(message))]) }
}
