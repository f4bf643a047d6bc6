
/// Rejects regular expressions that can backtrack catastrophically before they ever run:
/// a quantified group whose body is itself quantified (`(a+)+`, `(\w+\s?)*`) and
/// backreferences. ICU offers no time limit through Foundation, so the guard is at load.
enum RegexSafety {
    static func problem(in pattern: String) -> String? {
        let scalars = Array(pattern.unicodeScalars)
        var groups: [(hasQuantifier: Bool, alternation: Bool)] = []
        var inClass = false
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
            switch c {
            case "[": inClass = true
            case "(": groups.append((false, false))
            case "|": if !groups.isEmpty { groups[groups.count - 1].alternation = true }
            case "+", "*", "{":
                if !groups.isEmpty { groups[groups.count - 1].hasQuantifier = true }
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
}
