import FlagAuditEngine
import FlagAuditModel
import FlagAuditText

/// A press text weighed against the text of the study it reports on (`flagaudit compare`):
/// each is screened as `screen` reads it (its kind, and the study's design), then the press's
/// main claim (headline, lead, sentences reporting a finding) is weighed against the study's
/// conclusion by `ClaimComparison`.
public struct TextComparison: Sendable {
    public struct Side: Sendable {
        public var path: String
        public var kind: TextKind
        public var design: String?
        /// Nil when the text states no sentence to weigh.
        public var claim: ClaimComparison.Claim?
    }

    public var press: Side
    public var study: Side
    /// Nil when either side has no sentence to weigh.
    public var comparison: ClaimComparison?

    /// `press` and `study`: the texts' paths (or `-`) and contents.
    public init(press: (path: String, text: String), study: (path: String, text: String), screener: Screener) {
        let screenedPress = screener.screen(path: press.path, text: press.text)
        let screenedStudy = screener.screen(path: study.path, text: study.text)
        var pressAnalysis = screener.auditor.analyze(screenedPress.study, complete: false)
        var studyAnalysis = screener.auditor.analyze(screenedStudy.study, complete: false)
        let weighed = StudyAnalysis.weigh(press: &pressAnalysis, study: &studyAnalysis)
        comparison = weighed.comparison
        self.press = Side(path: press.path, kind: screenedPress.extraction.kind, design: screenedPress.extraction.design, claim: weighed.press)
        self.study = Side(path: study.path, kind: screenedStudy.extraction.kind, design: screenedStudy.extraction.design, claim: weighed.study)
    }

    /// `same`, `exaggerates` or `downplays`; `cannot-judge` when a side states nothing to weigh.
    public var verdict: String { comparison?.verdict.rawValue ?? "cannot-judge" }

    public var reason: String {
        if let comparison { return comparison.reason }
        return press.claim == nil ? "the press text has no sentence to weigh" : "the study text has no conclusion to weigh"
    }
}
