import FlagAuditModel
import FlagAuditScreening
import Foundation

/// Scores `screen`'s reading of a text (its kind, design, randomisation, blinding, participants
/// and the flags it then suggests) against labelled records. Three kinds of file, told apart by
/// their columns:
/// - MEDLINE records (`title`, `abstract`, `design_stratum` from NLM publication types, MeSH
///   `mesh_blinding` and `mesh_species`);
/// - trial abstracts (`title`, `abstract`, `design`);
/// - full texts (`text`, `design`), headings as plain lines.
public struct DesignEvaluation: Sendable {
    public enum Corpus: String, Sendable {
        case medline = "MEDLINE records"
        case abstracts = "trial abstracts"
        case fullTexts = "full texts"
    }

    /// One text: what its labels say and what the screener read.
    public struct Outcome: Sendable {
        public var id: String
        public var corpus: Corpus
        /// The labelled design: an NLM stratum for MEDLINE records, else the file's `design`.
        public var gold: String
        public var blinding: String
        public var species: Set<String>
        /// The text says it is randomised (any form of "randomi[sz]…", "randomly", "random allocation").
        public var saysRandomised: Bool
        public var extraction: Extraction
        public var suggestedFlags: [String]

        public var isTrial: Bool { gold == "rct" }
        public var isNonTrial: Bool { corpus == .medline && !["rct", "clinical-trial-not-rct"].contains(gold) }
        public var isAnimalOnly: Bool { species.contains("Animals") && !species.contains("Humans") }
        public var readAsTrial: Bool { ["rct", "controlled-trial"].contains(extraction.design ?? "") }
        public var readAsNonHuman: Bool { ["animal", "in-vitro"].contains(extraction.design ?? "") }
    }

    public let screener: Screener

    public init(screener: Screener) { self.screener = screener }

    public static func corpus(of header: Set<String>) -> Corpus? {
        if header.isSuperset(of: ["abstract", "design_stratum"]) { return .medline }
        if header.isSuperset(of: ["abstract", "design"]) { return .abstracts }
        if header.isSuperset(of: ["text", "design"]) { return .fullTexts }
        return nil
    }

    public func evaluate(_ path: String) throws(FileError) -> [Outcome] {
        let rows = try LabeledRows.read(path, columns: [])
        guard let first = rows.first else { return [] }
        guard let corpus = DesignEvaluation.corpus(of: Set(first.keys)) else {
            throw FileError(
                at: SourceLocation.start(of: path),
                "needs the columns of MEDLINE records (title, abstract, design_stratum), trial abstracts (title, abstract, design) or full texts (text, design); the header has \(first.keys.sorted().joined(separator: ", "))")
        }
        return rows.enumerated().map { index, row in
            let text: String
            switch corpus {
            case .fullTexts: text = row["text"] ?? ""
            case .medline, .abstracts:
                let title = row["title"]?.trimmedWhitespace ?? ""
                text = title.isEmpty ? row["abstract"] ?? "" : title + "\n\n" + (row["abstract"] ?? "")
            }
            let id = row["pmid"] ?? row["pmcid"] ?? String(index + 1)
            let result = screener.screen(path: "\(id).txt", text: text)
            return Outcome(
                id: id, corpus: corpus, gold: (corpus == .medline ? row["design_stratum"] : row["design"])?.trimmedWhitespace ?? "",
                blinding: row["mesh_blinding"]?.trimmedWhitespace ?? "",
                species: Set((row["mesh_species"] ?? "").split(separator: "|").map { String($0).trimmedWhitespace }),
                saysRandomised: DesignEvaluation.saysRandomised(text), extraction: result.extraction,
                suggestedFlags: result.report.suggestedFlags)
        }
    }

    static func saysRandomised(_ text: String) -> Bool {
        let lower = text.lowercased()
        return ["randomi", "randomly", "random allocation", "random assignment"].contains { lower.contains($0) }
    }

    /// A rate over the outcomes that `among` selects: how many of them `meet`.
    public struct Rate: Sendable {
        public var label: String
        public var count: Int
        public var of: Int
        public var target: String?

        public var value: Double { of == 0 ? 0 : Double(count) / Double(of) }
    }

    public static func rates(_ outcomes: [Outcome]) -> [Rate] {
        var rates: [Rate] = []
        func rate(_ label: String, target: String? = nil, among: (Outcome) -> Bool, meet: (Outcome) -> Bool) {
            let selected = outcomes.filter(among)
            guard !selected.isEmpty else { return }
            rates.append(Rate(label: label, count: selected.filter(meet).count, of: selected.count, target: target))
        }
        let noRandomization = "no-randomization", noControl = "no-control-group"
        rate("trials saying they are randomised: design rct", target: ">= 0.95", among: { $0.isTrial && $0.saysRandomised }) { $0.extraction.design == "rct" }
        rate("trials saying they are randomised: rct, animal or in-vitro", among: { $0.isTrial && $0.saysRandomised }) {
            $0.extraction.design == "rct" || $0.readAsNonHuman
        }
        rate("trials saying they are randomised: randomized true", among: { $0.isTrial && $0.saysRandomised }) { $0.extraction.randomized == true }
        rate("trials saying they are randomised: \(noRandomization) suggested", target: "<= 0.01", among: { $0.isTrial && $0.saysRandomised }) {
            $0.suggestedFlags.contains(noRandomization)
        }
        rate("trials: \(noControl) suggested", among: \.isTrial) { $0.suggestedFlags.contains(noControl) }
        rate("all trials: design rct", among: \.isTrial) { $0.extraction.design == "rct" }
        rate("trials indexed double- or single-blind: blinded true", target: ">= 0.92", among: { $0.isTrial && !$0.blinding.isEmpty }) {
            $0.extraction.blinded == true
        }
        rate("non-trial records: design rct or controlled-trial", target: "<= 0.02", among: \.isNonTrial) { $0.readAsTrial }
        rate("case reports: design case-report", target: ">= 0.80", among: { $0.gold == "case-report" }) { $0.extraction.design == "case-report" }
        rate("animal-only studies: design animal or in-vitro", target: ">= 0.90", among: \.isAnimalOnly) { $0.readAsNonHuman }
        rate("animal-only studies: given a number of participants", target: "0", among: \.isAnimalOnly) { $0.extraction.sampleSize != nil }
        rate("abstracts: kind news", target: "0", among: { $0.corpus != .fullTexts }) { $0.extraction.kind == .news }
        rate("full texts: kind full-text", target: ">= 0.95", among: { $0.corpus == .fullTexts }) { $0.extraction.kind == .fullText }
        rate("full texts: kind news", among: { $0.corpus == .fullTexts }) { $0.extraction.kind == .news }
        rate("full texts: design rct", target: ">= 0.90", among: { $0.corpus == .fullTexts }) { $0.extraction.design == "rct" }
        return rates
    }

    public static func summary(_ outcomes: [Outcome]) -> String {
        var text = ""
        for rate in rates(outcomes) {
            let figure = String(format: "%.3f", rate.value)
            text += "  \(rate.label.padding(toLength: 62, withPad: " ", startingAt: 0)) \(figure)  (\(rate.count) of \(rate.of))"
            text += rate.target.map { "  target \($0)\n" } ?? "\n"
        }
        var designs: [String: [String: Int]] = [:]
        for outcome in outcomes { designs[outcome.gold, default: [:]][outcome.extraction.design ?? "null", default: 0] += 1 }
        text += "  designs read, by label:\n"
        for (gold, read) in designs.sorted(by: { $0.key < $1.key }) {
            let counts = read.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.map { "\($0.key) \($0.value)" }
            text += "    \(gold) (\(read.values.reduce(0, +))): \(counts.joined(separator: ", "))\n"
        }
        return text
    }
}
