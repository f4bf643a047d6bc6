import FlagAuditModel
import FlagAuditScreening
import FlagAuditText

/// How `flagaudit compare` prints a comparison: both main claims with their strengths and
/// where they stand, then the verdict; or one JSON object with `verdict`, `press` and `study`.
public enum ComparisonReport {
    public static func text(_ comparison: TextComparison) -> String {
        var output = side("press", comparison.press) + side("study", comparison.study)
        output += "verdict: \(comparison.verdict) (\(comparison.reason))\n"
        return output
    }

    public static func json(_ comparison: TextComparison) -> String {
        JSONValue.object([
            ("verdict", .string(comparison.verdict)),
            ("reason", .string(comparison.reason)),
            ("press", side(comparison.press)),
            ("study", side(comparison.study)),
        ]).serialized() + "\n"
    }

    /// Paths and sentences come from files: each is one line, control characters written out,
    /// so no text can start a line of its own (a forged verdict, a CI workflow command).
    private static func side(_ name: String, _ side: TextComparison.Side) -> String {
        var output = "\(name): \(side.path.joinedLines.terminalSafe) (\(side.kind.rawValue)\(side.design.map { ", design \($0)" } ?? ""))\n"
        guard let claim = side.claim else { return output + "  no sentence to weigh\n" }
        let cue = claim.cue.map { ", cue '\($0)'" } ?? ""
        output += "  \(claim.sentence.location.description.joinedLines.terminalSafe): \(claim.strength.rawValue)\(cue.joinedLines.terminalSafe)\n"
        output += "  | \(claim.sentence.text.joinedLines.terminalSafe)\n"
        return output
    }

    private static func side(_ side: TextComparison.Side) -> JSONValue {
        var fields: [(String, JSONValue)] = [
            ("path", .string(side.path)), ("kind", .string(side.kind.rawValue)), ("design", .optional(side.design)),
        ]
        if let claim = side.claim {
            fields += [
                ("claim", .string(claim.sentence.text)), ("strength", .string(claim.strength.rawValue)), ("cue", .optional(claim.cue)),
                ("line", .number(claim.sentence.location.line)), ("column", .number(claim.sentence.location.column)),
            ]
        } else {
            fields += [("claim", .null), ("strength", .null)]
        }
        return .object(fields)
    }
}
