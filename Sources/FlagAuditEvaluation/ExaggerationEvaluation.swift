import FlagAuditModel
import FlagAuditText

/// Measures the press-versus-study verdict against labelled pairs of sentences (`press`,
/// `study`, `label`: same, exaggerates or downplays; optionally `press_strength` and
/// `study_strength`). Scored twice when the strengths are labelled: end to end (the claim
/// classifier's strengths decide) and with the labelled strengths (the comparison alone, as it
/// does when the classifier is right).
public enum ExaggerationEvaluation {
    public static let columns = ["press", "study", "label"]
    public static let classes = ClaimComparison.Verdict.allCases.map(\.rawValue)

    public struct Pair: Sendable {
        public var press: String
        public var study: String
        public var label: ClaimComparison.Verdict
        public var pressStrength: ClaimStrength?
        public var studyStrength: ClaimStrength?
    }

    public struct Result: Sendable {
        /// Verdicts from the classifier's strengths.
        public var endToEnd: ClassificationReport
        /// Verdicts from the labelled strengths; nil unless every pair labels both.
        public var fromLabelledStrengths: ClassificationReport?
        /// The classifier's strengths against the labelled ones, both sides pooled; nil as above.
        public var strengths: ClassificationReport?
    }

    public static func read(_ path: String) throws(FileError) -> [Pair] {
        let rows = try LabeledRows.read(path, columns: columns)
        var pairs: [Pair] = []
        for (index, row) in rows.enumerated() {
            let location = SourceLocation(path: path, line: index + 2, column: 1)
            guard let press = row["press"], let study = row["study"], !press.trimmedWhitespace.isEmpty, !study.trimmedWhitespace.isEmpty else {
                throw FileError(at: location, "row \(index + 1): 'press' and 'study' must both hold a sentence")
            }
            guard let label = row["label"].flatMap(ClaimComparison.Verdict.init(rawValue:)) else {
                throw FileError(at: location, "row \(index + 1): label must be one of \(classes.joined(separator: ", "))")
            }
            var strengths: [ClaimStrength?] = []
            for column in ["press_strength", "study_strength"] {
                guard let written = row[column], !written.isEmpty else { strengths.append(nil); continue }
                guard let strength = ClaimStrength(rawValue: written) else {
                    let names = ClaimStrength.allCases.map(\.rawValue).joined(separator: ", ")
                    throw FileError(at: location, "row \(index + 1): \(column) must be one of \(names)")
                }
                strengths.append(strength)
            }
            pairs.append(Pair(press: press, study: study, label: label, pressStrength: strengths[0], studyStrength: strengths[1]))
        }
        return pairs
    }

    public static func evaluate(_ pairs: [Pair], with classifier: ClaimClassifier) async -> Result {
        let claims = await classifier.classify(batch: pairs.flatMap { [$0.press, $0.study] }, explain: 0)
        func asserted(_ claim: ClaimAnalysis) -> ClaimStrength { claim.negated ? .none : claim.strength }
        var endToEnd = ClassificationReport(classes: classes)
        var labelled = ClassificationReport(classes: classes)
        var strengths = ClassificationReport(classes: ClaimStrength.allCases.map(\.rawValue))
        var everyStrengthLabelled = !pairs.isEmpty
        for (index, pair) in pairs.enumerated() {
            let press = asserted(claims[2 * index]), study = asserted(claims[2 * index + 1])
            endToEnd.add(gold: pair.label.rawValue, predicted: ClaimComparison.verdict(press: press, study: study).rawValue)
            guard let goldPress = pair.pressStrength, let goldStudy = pair.studyStrength else {
                everyStrengthLabelled = false
                continue
            }
            labelled.add(gold: pair.label.rawValue, predicted: ClaimComparison.verdict(press: goldPress, study: goldStudy).rawValue)
            strengths.add(gold: goldPress.rawValue, predicted: press.rawValue)
            strengths.add(gold: goldStudy.rawValue, predicted: study.rawValue)
        }
        return Result(
            endToEnd: endToEnd, fromLabelledStrengths: everyStrengthLabelled ? labelled : nil,
            strengths: everyStrengthLabelled ? strengths : nil)
    }
}
