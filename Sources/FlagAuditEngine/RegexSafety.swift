
/// Rejects regular expressions that can backtrack catastrophically before they ever run:
/// a repeated group whose body repeats, is optional or alternates (`(a+)+`, `(\w\w?)+`,
/// `(a?){40}`), more than two unbounded repeats in one pattern (`.*.*.*X`, `\w*\w*\w*!`:
/// polynomial backtracking, cubic and up, on a long sentence), and backreferences. ICU offers
/// no time limit through Foundation, so the guard is at load, and errs on refusing: a
/// pattern it cannot see is linear or quadratic is rewritten by its author, not run.
enum RegexSafety {
    /// Unbounded repeats a pattern may hold: two keep the worst case quadratic in the sentence.
    static let maxUnboundedRepeats = 2

    static func problem(in pattern: String) -> String? {
        let scalars = Array(pattern.unicodeScalars)
        var groups: [(hasQuantifier: Bool, alternation: Bool)] = []
        var inClass = false
        var unbounded = 0
        var index = 0
        while index < scalars.count {
            let c = scalars[index]
            if c == "\\" {
                if index + 1 < scalars.count, ("1"..."9").contains(scalars[index + 1]) {
                    return "backreferences are not allowed"
                }
                index += 2
                continue
            }
            if inClass {
                if c == "]" { inClass = false }
                index += 1
                continue
            }
            let previous = index > 0 ? scalars[index - 1] : " "
            switch c {
            case "[": inClass = true
            case "(": groups.append((false, false))
            case "|": if !groups.isEmpty { groups[groups.count - 1].alternation = true }
            case "?" where previous == "(" || previous == "*" || previous == "+" || previous == "?" || previous == "}":
                break  // a group's flags (`(?:`, `(?i)`) or a lazy quantifier: no repeat of its own
            case "+", "*", "{", "?":
                if !groups.isEmpty { groups[groups.count - 1].hasQuantifier = true }
                if c == "+" || c == "*" || (c == "{" && RegexSafety.isOpenEnded(scalars, from: index)) {
                    // A possessive or lazy mark after it is the same repeat.
                    if !(c == "+" && (previous == "*" || previous == "+" || previous == "?" || previous == "}")) { unbounded += 1 }
                    if unbounded > RegexSafety.maxUnboundedRepeats {
                        return "more than \(RegexSafety.maxUnboundedRepeats) unbounded repeats (*, +, {n,}) can backtrack for minutes on a long sentence; bound them ({0,40}) or split the pattern"
                    }
                }
            case ")":
                guard let group = groups.popLast() else { break }
                let next = index + 1 < scalars.count ? scalars[index + 1] : " "
                let repeated = next == "+" || next == "*" || next == "{"
                if repeated && (group.hasQuantifier || group.alternation) {
                    return "a repeated group that itself repeats or alternates can backtrack catastrophically; rewrite it without nesting"
                }
                // The group's quantifiers count for the enclosing group too.
                if group.hasQuantifier || repeated, !groups.isEmpty { groups[groups.count - 1].hasQuantifier = true }
            default:
                break
            }
            index += 1
        }
        return nil
    }

    /// Whether the `{` at `index` opens a repeat with no upper bound (`{3,}`).
    private static func isOpenEnded(_ scalars: [Unicode.Scalar], from index: Int) -> Bool {
        guard let close = scalars[index...].firstIndex(of: "}") else { return false }
        let body = String(String.UnicodeScalarView(scalars[(index + 1)..<close]))
        return body.hasSuffix(",")
    }
}
