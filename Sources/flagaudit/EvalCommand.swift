import ArgumentParser
import FlagAudit
import Foundation

struct EvalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Measure the text detectors against labelled data.",
        discussion: "Exit status (each subcommand): 0 scored, 2 a CSV file cannot be read or lacks its columns, or the pack cannot be loaded.",
        subcommands: [EvalClaims.self, EvalSampleSize.self, EvalDesign.self, EvalExaggeration.self]
    )
}

struct EvalClaims: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "claims",
        abstract: "Score claim strength against CSV files with 'sentence' and 'strength' columns.",
        discussion: "Exit status: 0 scored, 2 a CSV file cannot be read or lacks its columns, or the pack cannot be loaded."
    )

    @Argument(help: "Labelled CSV files, or directories of them.")
    var paths: [String]

    @OptionGroup var rules: PackOption

    /// Default: every model the pack ships (the transformer beside the linear model, when present).
    @OptionGroup var model: ClaimModelOption

    @Option(name: .customLong("cross-validate"), help: "Also estimate held-out figures: K-fold cross-validation, training a fresh model per fold.")
    var folds: Int?

    @OptionGroup var training: TrainingOptions

    func run() async throws {
        let shipsTransformer = try PackOption.source(rules.rulesDirectory).contains(RulePackLoader.transformerFile)
        let pack = try PackOption.load(rules.rulesDirectory, claimModel: model.claimModel ?? (shipsTransformer ? .transformer : nil))
        let evaluation = ClaimEvaluation(lexicon: pack.lexicon)
        let files = LabeledRows.files(paths)
        let data = try files.map { file in try Stopping.onFileError { () throws(FileError) in try ClaimEvaluation.read(file) } }
        var text = ""
        let lexiconOnly = ClaimClassifier(lexicon: pack.lexicon)
        let linear = pack.claimModel.map { ClaimClassifier(lexicon: pack.lexicon, model: .linear($0)) }
        for (file, rows) in zip(files, data) {
            text += evaluation.evaluate(rows, with: lexiconOnly).rendered(title: "\(file): lexicon cues only") + "\n"
            if let linear {
                text += evaluation.evaluate(rows, with: linear)
                    .rendered(title: "\(file): shipped linear model (trained on this development split: a fit, not a held-out estimate)") + "\n"
            }
            if let transformer = pack.claimTransformer, transformer.heldOut == nil {
                text += "\(file): the shipped transformer's file names no held-out fold, so it is not scored here\n\n"
            }
            if let transformer = pack.claimTransformer, let heldOut = transformer.heldOut {
                let unseen = rows.filter { ClaimEvaluation.fold(of: $0.sentence, folds: heldOut.folds) == heldOut.fold }
                let classifier = ClaimClassifier(lexicon: pack.lexicon, model: .transformer(transformer))
                var report = ClassificationReport(classes: ClaimEvaluation.classes)
                for (row, claim) in zip(unseen, await classifier.classify(batch: unseen.map(\.sentence), explain: 0)) {
                    report.add(gold: row.strength, predicted: claim.strength.rawValue)
                }
                text += report.rendered(title: "\(file): shipped transformer on the fold held out of its training (fold \(heldOut.fold) of \(heldOut.folds), \(unseen.count) sentences)") + "\n"
            }
        }
        if let folds {
            guard folds >= 2 else { throw ValidationError("--cross-validate needs at least 2 folds") }
            for (file, predictions) in zip(files, evaluation.crossValidatedPredictions(data, folds: folds, trainer: training.trainer)) {
                var report = ClassificationReport(classes: ClaimEvaluation.classes)
                for prediction in predictions { report.add(gold: prediction.gold, predicted: prediction.analysis.strength.rawValue) }
                text += report.rendered(title: "\(file): \(folds)-fold cross-validation (model retrained without each fold: the held-out estimate)")
                for threshold in [0.5, 0.7, 0.8, 0.9] {
                    let result = ClaimEvaluation.directCausalPrecision(predictions, threshold: threshold)
                    text += String(format: "  direct-causal at confidence >= %.1f: precision %.3f, recall %.3f (%d flagged)\n", threshold, result.precision, result.recall, result.flagged)
                }
                text += "\n"
            }
        }
        Output.write(text)
    }
}

struct TrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train the claim-strength model from labelled CSV files and write its weights.",
        discussion: "Exit status: 0 trained and written, 2 no labelled rows, a bad setting, or the model file cannot be written (it is then unchanged).",
        subcommands: [TrainClaims.self]
    )
}

struct TrainClaims: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "claims", abstract: "Train rules/models/claims.tsv.",
        discussion: "Exit status: 0 trained and written, 2 no labelled rows, a bad setting, or the model file cannot be written (it is then unchanged).")

    @Argument(help: "Labelled CSV files ('sentence', 'strength'), or directories of them.")
    var paths: [String]

    @OptionGroup var rules: PackOption

    @Option(help: "Where to write the weights.")
    var output: String = "rules/models/claims.tsv"

    @OptionGroup var training: TrainingOptions

    func run() throws {
        let pack = try rules.load()
        let files = LabeledRows.files(paths)
        let rows = try files.flatMap { file in try Stopping.onFileError { () throws(FileError) in try ClaimEvaluation.read(file) } }
        guard !rows.isEmpty else {
            Output.error("error: no labelled sentences in \(files.isEmpty ? paths.joined(separator: ", ") : files.joined(separator: ", ")); nothing was trained and \(output) is unchanged")
            throw ExitCode(ExitStatus.untrusted)
        }
        let trainer = training.trainer
        let model = ClaimEvaluation(lexicon: pack.lexicon).train(rows, trainer: trainer)
        let comment = """
            FlagAudit claim-strength model: multinomial logistic regression over words, word pairs and lexicon cues.
            Trained on \(rows.count) labelled sentences by `flagaudit train claims` (epochs \(trainer.epochs), rate \(trainer.learningRate), L2 \(trainer.l2), min count \(trainer.minimumCount), seed \(trainer.seed)).
            Columns: feature, then one weight per class. Regenerate after changing rules/lexicon.yaml.
            """
        try FileManager.default.createDirectory(atPath: (output as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Stopping.onFileError { () throws(FileError) in try AtomicFile.write(model.serialized(comment: comment), to: output) }
        Output.error("wrote \(model.weights.count) features to \(output)")
    }
}

struct EvalSampleSize: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sample-size",
        abstract: "Score the sample-size extractor against a CSV file with 'abstract' and 'enrolled_total' columns.",
        discussion: "Exit status: 0 scored, 2 the CSV file cannot be read or lacks its columns, or the pack cannot be loaded."
    )

    @Argument(help: "Labelled CSV file.")
    var file: String

    @OptionGroup var rules: PackOption

    @Flag(help: "List every wrong answer and abstention with the candidates considered.")
    var verbose = false

    func run() throws {
        let pack = try rules.load()
        let evaluation = SampleSizeEvaluation(extractor: SampleSizeExtractor(lexicon: pack.lexicon))
        let outcomes = try Stopping.onFileError { () throws(FileError) in try evaluation.evaluate(file) }
        var text = "\(file): sample size (participants enrolled)\n" + SampleSizeEvaluation.summary(outcomes)
        if verbose {
            for outcome in outcomes where !outcome.isExact {
                text += "\n\(outcome.id): expected \(outcome.expected), \(outcome.found.map { "found \($0.value)" } ?? "abstained")\n"
                for candidate in outcome.candidates.prefix(8) {
                    text += "  \(candidate.value) score \(candidate.score) [\(candidate.reasons.joined(separator: ", "))] \(TextReporter.clip(candidate.sentence, limit: 150))\n"
                }
            }
        }
        Output.write(text)
    }
}

struct EvalDesign: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "design",
        abstract: "Score screen's reading of texts (kind, design, randomised, blinded, participants) against labelled CSV files.",
        discussion: """
            A file holds MEDLINE records (title, abstract, design_stratum; optionally mesh_blinding and mesh_species), \
            trial abstracts (title, abstract, design) or full texts (text, design); each text is screened as `screen` \
            would screen it, with the pack's rules.

            Exit status: 0 scored, 2 a CSV file cannot be read or lacks its columns, or the pack cannot be loaded.
            """
    )

    @Argument(help: "Labelled CSV files, or directories of them.")
    var paths: [String]

    @OptionGroup var rules: PackOption

    @Flag(help: "List every text read wrongly: its label, what was read and the sentence it was read from.")
    var verbose = false

    func run() throws {
        let evaluation = DesignEvaluation(screener: Screener(pack: try rules.load()))
        var text = ""
        for file in LabeledRows.files(paths) {
            let outcomes = try Stopping.onFileError { () throws(FileError) in try evaluation.evaluate(file) }
            text += "\(file): \(outcomes.first?.corpus.rawValue ?? "no rows") (\(outcomes.count))\n" + DesignEvaluation.summary(outcomes) + "\n"
            guard verbose else { continue }
            for outcome in outcomes {
                let e = outcome.extraction
                var problems: [String] = []
                if outcome.isTrial, e.design != "rct" { problems.append("design \(e.design ?? "null")") }
                if outcome.isNonTrial, outcome.readAsTrial || (outcome.gold == "case-report" && e.design != "case-report") { problems.append("design \(e.design ?? "null")") }
                if outcome.isAnimalOnly, !outcome.readAsNonHuman || e.sampleSize != nil { problems.append("animal study read as \(e.design ?? "null"), participants \(e.sampleSize.map(String.init) ?? "none")") }
                if outcome.isTrial, !outcome.blinding.isEmpty, e.blinded != true { problems.append("blinded \(e.blinded.map(String.init) ?? "null") (indexed \(outcome.blinding))") }
                if outcome.corpus == .fullTexts, e.kind != .fullText { problems.append("kind \(e.kind.rawValue)") }
                if outcome.isTrial, outcome.suggestedFlags.contains("no-randomization") { problems.append("no-randomization suggested") }
                guard !problems.isEmpty else { continue }
                text += "\(outcome.id) (\(outcome.gold)): \(problems.joined(separator: "; "))\n"
                for field in ["design", "randomized", "blinded", "source"] {
                    if let evidence = e.evidence[field] {
                        text += "  \(field) from line \(evidence.location.line): \(TextReporter.clip(evidence.excerpt, limit: 160))\n"
                    }
                }
            }
            text += "\n"
        }
        Output.write(text)
    }
}

struct TrainingOptions: ParsableArguments {
    @Option(help: "Training passes over the data.")
    var epochs: Int?

    @Option(help: "L2 regularisation strength.")
    var l2: Double?

    @Option(name: .customLong("learning-rate"), help: "AdaGrad base step.")
    var learningRate: Double?

    /// Refused before any work: a NaN or non-positive step, a negative or non-finite L2 or no
    /// pass over the data would train a model that silently changes every audit.
    mutating func validate() throws {
        if let epochs, !(1...10_000).contains(epochs) { throw ValidationError("--epochs must be between 1 and 10000, not \(epochs)") }
        if let l2, !(l2.isFinite && l2 >= 0) { throw ValidationError("--l2 must be a finite number of 0 or more, not \(l2)") }
        if let learningRate, !(learningRate.isFinite && learningRate > 0) {
            throw ValidationError("--learning-rate must be a finite number above 0, not \(learningRate)")
        }
    }

    var trainer: LogisticTrainer {
        var trainer = LogisticTrainer()
        if let epochs { trainer.epochs = epochs }
        if let l2 { trainer.l2 = l2 }
        if let learningRate { trainer.learningRate = learningRate }
        return trainer
    }
}

struct EvalExaggeration: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "exaggeration",
        abstract: "Score the press-versus-study verdict against CSV files of sentence pairs ('press', 'study', 'label').",
        discussion: """
            'label' is same, exaggerates or downplays. With 'press_strength' and 'study_strength' on every row, the \
            verdict is also scored from those labelled strengths: the comparison alone, as it is when the claim \
            classifier is right.

            Exit status: 0 scored, 2 a CSV file cannot be read or lacks its columns, or the pack cannot be loaded.
            """
    )

    @Argument(help: "Labelled CSV files, or directories of them.")
    var paths: [String]

    @OptionGroup var rules: PackOption

    /// Default: the transformer, as `claims` (the best classifier the pack ships).
    @OptionGroup var model: ClaimModelOption

    func run() async throws {
        let pack = try PackOption.load(rules.rulesDirectory, claimModel: model.claimModel ?? .transformer)
        var text = ""
        for file in LabeledRows.files(paths) {
            let pairs = try Stopping.onFileError { () throws(FileError) in try ExaggerationEvaluation.read(file) }
            let result = await ExaggerationEvaluation.evaluate(pairs, with: pack.claimClassifier)
            let model = pack.claimClassifier.model.name
            text += result.endToEnd.rendered(title: "\(file): verdicts end to end (strengths from the \(model) claim model)") + "\n"
            if let labelled = result.fromLabelledStrengths, let strengths = result.strengths {
                text += labelled.rendered(title: "\(file): verdicts from the labelled strengths (the comparison when the classifier is right)") + "\n"
                text += strengths.rendered(title: "\(file): the \(model) claim model's strengths of both sides against the labels") + "\n"
            }
        }
        Output.write(text)
    }
}
