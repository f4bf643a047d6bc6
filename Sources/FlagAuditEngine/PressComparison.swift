import FlagAuditModel
import FlagAuditText

/// Which sentences state each side's main claim when a press piece is weighed against its
/// study, and the comparison itself (`ClaimComparison`). The same for entries and for raw texts
/// screened into studies (`compare`): fields that a raw text lacks are simply empty.
extension StudyAnalysis {
    /// Sentences that may state a press piece's main claim, in order of weight: the headline
    /// (title), the findings and conclusions the entry reports, the lead of its text and the
    /// first sentences of the text that report a finding (`comparison.lead` and
    /// `comparison.reporting_sentences` bound them, so a long article costs what a short one
    /// does). An editor's own `summary` is not the press's. Only these are classified.
    public mutating func pressClaimSentences() -> [Sentence] {
        let lexicon = analyzer.lexicon.comparison
        for field in [StudyField.title, .findings, .conclusions] { classifyClaims(in: field) }
        var candidates = (sentences[.title] ?? []) + (sentences[.findings] ?? []) + (sentences[.conclusions] ?? [])
        let text = sentences[.text] ?? []
        // A raw text's headline is also its text's first line: the lead starts after it.
        let first = text.first.map { $0.text == sentences[.title]?.first?.text } == true ? 1 : 0
        let lead = first..<min(text.count, first + lexicon.leadSentences)
        let reporting = text.indices.dropFirst(lead.upperBound).lazy.filter { text[$0].contains(lexicon.reporting) }.prefix(lexicon.reportingSentences)
        let chosen = Array(lead) + Array(reporting)
        classifyClaims(in: .text, at: chosen)
        let classified = sentences[.text] ?? []
        candidates += chosen.map { classified[$0] }
        return candidates
    }

    /// Sentences that state a study's own conclusion: its `conclusions`; else up to four
    /// sentences of its text from the last one a conclusion heading opens ("Conclusions: ...",
    /// "In conclusion, ..."); else its findings; else its summary; else the last two sentences
    /// of its text. Only these are classified.
    public mutating func conclusionSentences() -> [Sentence] {
        let headings = analyzer.lexicon.comparison.conclusionHeadings
        // Classifying keeps sentences where they are: a range chosen before holds after.
        for field in [StudyField.conclusions, .text, .findings, .summary] {
            guard let fieldSentences = sentences[field], !fieldSentences.isEmpty else { continue }
            var range = fieldSentences.indices
            if field == .text {
                guard let start = fieldSentences.lastIndex(where: { headings.matches(at: 0, in: $0.tokens) != nil }) else { continue }
                range = start..<min(fieldSentences.count, start + 4)
            }
            classifyClaims(in: field, at: range)
            return Array((sentences[field] ?? [])[range])
        }
        guard let count = sentences[.text]?.count, count > 0 else { return [] }
        let last = max(0, count - 2)..<count
        classifyClaims(in: .text, at: last)
        return Array((sentences[.text] ?? [])[last])
    }

    /// What the study is, for the exaggerations that keep the strength (see `ClaimComparison`).
    mutating func studyKind() -> ClaimComparison.StudyKind {
        let nonHuman = study.design.map(analyzer.nonHumanDesigns.contains) ?? false
        let preliminary = analyzer.lexicon.comparison.preliminarySignal.map { reading(of: $0) != nil } ?? false
        return ClaimComparison.StudyKind(nonHuman: nonHuman, preliminary: preliminary)
    }

    /// This entry (a press piece) weighed against `linked`, worked out once. Nil without a
    /// linked study or without a sentence on either side.
    public mutating func comparisonWithLinkedStudy() -> ClaimComparison? {
        if let comparison { return comparison }
        guard let linked else { return nil }
        var other = StudyAnalysis(study: linked, analyzer: analyzer, complete: false)
        let found = StudyAnalysis.compare(press: &self, study: &other)
        decisions += other.decisions
        comparison = .some(found)
        return found
    }

    /// A press text weighed against a study text.
    public static func compare(press: inout StudyAnalysis, study: inout StudyAnalysis) -> ClaimComparison? {
        weigh(press: &press, study: &study).comparison
    }

    /// Each side's main claim, and the comparison when both have one.
    public static func weigh(
        press: inout StudyAnalysis, study: inout StudyAnalysis
    ) -> (press: ClaimComparison.Claim?, study: ClaimComparison.Claim?, comparison: ClaimComparison?) {
        let said = press.pressClaimSentences()
        let pressClaim = ClaimComparison.mainClaim(among: said)
        let studyClaim = ClaimComparison.mainClaim(among: study.conclusionSentences())
        guard let pressClaim, let studyClaim else { return (pressClaim, studyClaim, nil) }
        let comparison = ClaimComparison(
            press: pressClaim, study: studyClaim, kind: study.studyKind(), pressSentences: said, lexicon: press.analyzer.lexicon.comparison)
        return (pressClaim, studyClaim, comparison)
    }
}
