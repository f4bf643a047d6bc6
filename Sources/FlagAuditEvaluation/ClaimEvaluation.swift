import FlagAuditLearning
import FlagAuditModel
import FlagAuditText

/// Measures claim strength against labelled sentences (`sentence`, `strength` columns), trains
/// the claim model, and estimates held-out performance by k-fold cross-validation.
public struct ClaimEvaluation: Sendable {
    public static let columns = ["sentence", "strength"]
    public static let classes = ClaimStrength.allCases.map(\.rawValue)

    public var lexicon: Lexicon

    public init(lexicon: Lexicon) { self.lexicon = lexicon }

    public struct Labeled: Sendable {
        public var sentence: String
        public var strength: String
    }

    public static func read(_ path: String) throws(FileError) -> [Labeled] {
        let rows = try LabeledRows.read(path, columns: columns)
        var labeled: [Labeled] = []
        for (index, row) in rows.enumerated() {
            guard let sentence = row["sentence"], let strength = row["strength"], classes.contains(strength) else {
                throw FileError(
                    at: SourceLocation(path: path, line: index + 2, column: 1),
                    "row \(index + 1): strength must be one of \(classes.joined(separator: ", "))")
            }
            labeled.append(Labeled(sentence: sentence, strength: strength))
        }
        return labeled
    }

    public func evaluate(_ rows: [Labeled], with classifier: ClaimClassifier) -> ClassificationReport {
        var report = ClassificationReport(classes: ClaimEvaluation.classes)
        for row in rows { report.add(gold: row.strength, predicted: classifier.classify(row.sentence).strength.rawValue) }
        return report
    }

    /// Trains on the rows in one canonical order (by the bytes of the sentence, then of the
    /// label), so the order of files and lines given changes nothing.
    public func train(_ rows: [Labeled], trainer: LogisticTrainer = LogisticTrainer()) -> LinearModel {
        let classifier = ClaimClassifier(lexicon: lexicon)
        let examples = rows.sorted { a, b in
            a.sentence.utf8.elementsEqual(b.sentence.utf8)
                ? a.strength.utf8.lexicographicallyPrecedes(b.strength.utf8) : a.sentence.utf8.lexicographicallyPrecedes(b.sentence.utf8)
        }.map { row in
            (features: classifier.features(Tokenizer.tokens(row.sentence)), label: ClaimEvaluation.classes.firstIndex(of: row.strength) ?? 0)
        }
        return trainer.train(examples, classes: ClaimEvaluation.classes)
    }

    /// Precision and coverage of `direct-causal` when only decisions at or above `threshold` count.
    public static func directCausalPrecision(_ predictions: [(gold: String, analysis: ClaimAnalysis)], threshold: Double) -> (precision: Double, recall: Double, flagged: Int) {
        let direct = ClaimStrength.directCausal.rawValue
        let flagged = predictions.filter { $0.analysis.strength == .directCausal && $0.analysis.confidence >= threshold }
        let correct = flagged.filter { $0.gold == direct }.count
        let gold = predictions.filter { $0.gold == direct }.count
        return (flagged.isEmpty ? 0 : Double(correct) / Double(flagged.count), gold == 0 ? 0 : Double(correct) / Double(gold), flagged.count)
    }

    /// A sentence's fold of `folds`: FNV-1a of its UTF-8 without spaces and tabs at either end,
    /// as `scripts/train-claims-model` deals them (CSV readers differ on those spaces), so folds
    /// depend on neither the order of files nor of lines, and the transformer's held-out fold
    /// can be scored here.
    public static func fold(of sentence: String, folds: Int) -> Int {
        var bytes = Substring(sentence).utf8[...]
        while let first = bytes.first, first == 0x20 || first == 0x09 { bytes = bytes.dropFirst() }
        while let last = bytes.last, last == 0x20 || last == 0x09 { bytes = bytes.dropLast() }
        var hash = FNV1a.basis
        for byte in bytes { hash = FNV1a.add(byte, to: hash) }
        return Int(hash % UInt64(folds))
    }

    /// Out-of-fold predictions for every row of every file: every fold is predicted by a model
    /// trained on all other folds of all files, which estimates held-out performance.
    public func crossValidatedPredictions(_ files: [[Labeled]], folds: Int, trainer: LogisticTrainer = LogisticTrainer()) -> [[(gold: String, analysis: ClaimAnalysis)]] {
        var predictions: [[(gold: String, analysis: ClaimAnalysis)]] = files.map { _ in [] }
        let assignments = files.map { rows in rows.map { ClaimEvaluation.fold(of: $0.sentence, folds: folds) } }
        for fold in 0..<folds {
            var training: [Labeled] = []
            for (f, rows) in files.enumerated() { training += rows.indices.filter { assignments[f][$0] != fold }.map { rows[$0] } }
            let classifier = ClaimClassifier(lexicon: lexicon, model: train(training, trainer: trainer))
            for (f, rows) in files.enumerated() {
                for index in rows.indices where assignments[f][index] == fold {
                    predictions[f].append((rows[index].strength, classifier.classify(rows[index].sentence)))
                }
            }
        }
        return predictions
    }
}
