import FlagAuditLoading
import FlagAuditModel
import Foundation

/// Runs a rule pack over studies: evaluation, suppressions, flag bookkeeping, duplicate ids.
public struct Auditor: Sendable {
    public let pack: RulePack
    private let analyzer: StudyAnalyzer
    private let context: EvaluationContext
    /// What an audit consults for every entry, worked out once per pack.
    private let suppressible: Set<String>
    private let flagOrder: [String]
    /// Whether findings carry the fixes `--fix` applies (see `StudyLoader.locatesFixes`).
    public let makesFixes: Bool

    public init(pack: RulePack, makesFixes: Bool = true) {
        self.pack = pack
        self.makesFixes = makesFixes
        self.analyzer = StudyAnalyzer(pack: pack)
        self.context = EvaluationContext(vocabulary: pack.vocabulary, negation: analyzer.negation)
        self.suppressible = Set(pack.rules.map(\.id)).union([BuiltinCheck.unsupportedFlag.rawValue, BuiltinCheck.nonCanonicalTerm.rawValue])
        self.flagOrder = pack.vocabulary.terms(in: .methodFlags).map(\.slug)
    }

    public var loader: StudyLoader { StudyLoader(vocabulary: pack.vocabulary, locatesFixes: makesFixes) }

    /// `complete: false` leaves signals to be worked out as rules ask for them (claims always are).
    public func analyze(_ study: Study, complete: Bool = true) -> StudyAnalysis {
        StudyAnalysis(study: study, analyzer: analyzer, complete: complete)
    }

    /// The evidence for `rule` on `study`, or nil when the rule does not fire.
    public func evaluate(_ rule: Rule, on analysis: StudyAnalysis) -> [Evidence]? {
        var analysis = analysis
        return evaluate(rule, on: &analysis)
    }

    func evaluate(_ rule: Rule, on analysis: inout StudyAnalysis) -> [Evidence]? {
        rule.condition.evaluate(&analysis, context: context)
    }

    public func matches(for study: Study) -> [RuleMatch] {
        var analysis = analyze(study, complete: false)
        return matches(in: &analysis)
    }

    /// Every rule's match; the analysis keeps what the rules worked out.
    public func matches(in analysis: inout StudyAnalysis) -> [RuleMatch] {
        // By index: a rule is copied (a dozen reference counts) only when it matches.
        var found: [RuleMatch] = []
        for index in pack.rules.indices {
            guard let evidence = pack.rules[index].condition.evaluate(&analysis, context: context) else { continue }
            found.append(RuleMatch(rule: pack.rules[index], evidence: evidence))
        }
        return found
    }

    /// Audits one loaded entry. Duplicate ids need the whole set: see `audit(files:)`.
    /// `analysis`, when the caller already analysed the entry's text (the analysis depends on
    /// the text only), saves doing it again.
    /// `links`: the entries `reports_on` may name (see `links(for:)`); an entry that names one
    /// not among them gets an `unresolved-study-link` error.
    public func audit(_ loaded: LoadedStudy, analysis: StudyAnalysis? = nil, links: StudyLinks = StudyLinks()) -> StudyReport {
        var findings = loaded.diagnostics.map(Auditor.finding)
        guard let study = loaded.study else {
            return StudyReport(
                path: loaded.path, id: nil, declaredFlags: [], suggestedFlags: [], missingFlags: [],
                unsupportedFlags: [], findings: Auditor.bounded(Auditor.sorted(pack.builtinGrades.apply(findings))), matches: [], study: nil)
        }
        let suppressed = checkSuppressions(study, findings: &findings)
        var analysis = analysis ?? analyze(study, complete: false)
        analysis.study = study
        analysis.linked = link(study, links: links, findings: &findings)
        let allMatches = matches(in: &analysis)
        let matches = allMatches.filter { !suppressed.keys.contains($0.rule.id) }
        let declared = unique(study.declaredFlags.map(\.value))
        let suggested = flagOrder.filter { flag in matches.contains { $0.rule.flag == flag } }
        // Every match's findings are the report's evidence; those of flags not declared are findings too.
        var evidence: [Finding] = []
        for match in matches {
            let found = match.findings(for: study)
            if match.rule.flag.map({ !declared.contains($0) }) ?? true { findings += found }
            evidence += found
        }
        let unsupported = declared.filter { !suggested.contains($0) }
        if !suppressed.keys.contains(BuiltinCheck.unsupportedFlag.rawValue) {
            for flag in unsupported {
                let located = study.declaredFlags.first { $0.value == flag }
                let label = pack.vocabulary.label(of: flag, in: .methodFlags) ?? flag
                findings.append(Finding(
                    rule: BuiltinCheck.unsupportedFlag.rawValue, severity: BuiltinCheck.unsupportedFlag.severity, flag: flag,
                    message: "declared flag '\(label)' is not supported by any rule: check the entry or remove the flag",
                    field: StudyField.methodFlags.displayName, location: located?.location ?? study.origin,
                    excerpt: flag, why: BuiltinCheck.unsupportedFlag.summary))
            }
        }
        for (rule, suppression) in suppressed {
            let silenced = allMatches.contains { $0.rule.id == rule }
                || (rule == BuiltinCheck.unsupportedFlag.rawValue && !unsupported.isEmpty)
            if !silenced {
                findings.append(Auditor.finding(Diagnostic(
                    .unusedSuppression, at: suppression.location,
                    "audit.ignore of '\(rule)' silences nothing: the rule no longer fires here; remove the item",
                    field: "audit.ignore")))
            }
        }
        // What `audit.ignore` silences stays known, with the editor's reason, for the outputs
        // that show suppressions (SARIF's `suppressions`, the reviewers' report).
        var silenced: [SuppressedFinding] = []
        for match in allMatches where match.rule.flag.map({ !declared.contains($0) }) ?? true {
            // Only what would have been a finding: a match of a declared flag is evidence.
            guard let suppression = suppressed[match.rule.id] else { continue }
            silenced += match.findings(for: study).map { SuppressedFinding(finding: $0, suppression: suppression) }
        }
        findings = findings.filter { finding in
            guard let suppression = suppressed[finding.rule], finding.rule != BuiltinCheck.invalidSuppression.rawValue else { return true }
            silenced.append(SuppressedFinding(finding: finding, suppression: suppression))
            return false
        }
        let missing = suggested.filter { !declared.contains($0) }
        // One edit adds every missing flag; each finding that asks for one carries it.
        if let fix = loaded.flagInsertion.fix(adding: missing) {
            for index in findings.indices where findings[index].flag.map(missing.contains) == true {
                findings[index].fix = fix
            }
        }
        var report = StudyReport(
            path: loaded.path, id: study.id, declaredFlags: declared, suggestedFlags: suggested,
            missingFlags: missing, unsupportedFlags: unsupported, flagRefusal: missing.isEmpty ? nil : loaded.flagInsertion.refusal,
            findings: Auditor.bounded(Auditor.sorted(pack.builtinGrades.apply(findings))), matches: matches, evidence: Array(evidence.prefix(Auditor.findingLimit)),
            study: study)
        report.claimDecisions = analysis.decisions
        report.source = loaded.source
        report.suppressed = Array(silenced.sorted { Auditor.precedes($0.finding, $1.finding) }.prefix(Auditor.findingLimit))
        return report
    }

    /// The study `study` reports on, or nil; a reference that resolves to none is reported into `findings`.
    private func link(_ study: Study, links: StudyLinks, findings: inout [Finding]) -> Study? {
        guard let (written, reference, resolution) = links.resolve(reportsOnOf: study) else { return nil }
        let problem: String
        switch resolution {
        case .study(let target):
            return target
        case .itself:
            problem = "reports_on names this entry itself: name the study the piece reports on"
        case .unknown(let suggestion):
            problem = "reports_on names \(reference), which no entry of the audited set has"
                + (suggestion.map { "; did you mean '\($0)'?" } ?? "")
                + ": audit the study's entry together with this one, or correct the reference"
        case .ambiguous(let paths):
            problem = "reports_on names \(reference), which several entries answer to (\(paths.joined(separator: ", "))): "
                + (reference.isID ? "give the study an id of its own" : "name the study by its entry's id")
        }
        findings.append(Auditor.finding(Diagnostic(
            .unresolvedLink, at: written.location, problem, field: StudyField.reportsOn.name, excerpt: written.value)))
        return nil
    }

    /// The entries of `files` that `reports_on` names, found before the audit streams (the
    /// study may come after the entry that names it). Files are read once to see whether any
    /// names a study at all; only then is every file loaded, to index the ones named.
    public func links(for files: [String]) async -> StudyLinks {
        let loader = self.loader
        var wanted: Set<StudyReference> = []
        await OrderedWork.run(count: files.count, job: { index -> StudyReference? in
            guard let bytes = try? FileInput.read(files[index], limit: YAMLLimits.entry.maxBytes),
                Auditor.mentionsLink(bytes),
                let written = loader.load(path: files[index], bytes: bytes).study?.string(.reportsOn)
            else { return nil }
            return StudyReference(written.value)
        }) { reference in
            if let reference { wanted.insert(reference) }
        }
        var links = StudyLinks()
        guard !wanted.isEmpty else { return links }
        let targets = wanted
        await OrderedWork.run(count: files.count, job: { index -> (id: String?, target: Study?) in
            guard let study = loader.load(contentsOf: files[index]).study else { return (nil, nil) }
            let named = StudyLinks.answers(of: study).contains(where: targets.contains)
            return (study.id, named ? study : nil)
        }) { found in
            if let target = found.target { links.add(target) } else if let id = found.id { links.addID(id) }
        }
        return links
    }

    /// Whether `reports_on` occurs in `bytes`. Found by its underscore, which prose rarely
    /// has (memchr, then a compare): the generic `firstRange(of:)` made this pass, which reads
    /// every file of the set, cost half as much as the audit itself.
    static func mentionsLink(_ bytes: [UInt8]) -> Bool {
        let marker = Array("reports_on".utf8)
        let underscore = 7
        return bytes.withUnsafeBufferPointer { buffer -> Bool in
            guard let base = buffer.baseAddress, buffer.count >= marker.count else { return false }
            var from = underscore
            while from < buffer.count - (marker.count - underscore - 1) {
                guard let found = memchr(base + from, Int32(UInt8(ascii: "_")), buffer.count - from) else { return false }
                let index = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
                let start = index - underscore
                if start >= 0, start + marker.count <= buffer.count, marker.indices.allSatisfy({ buffer[start + $0] == marker[$0] }) {
                    return true
                }
                from = index + 1
            }
            return false
        }
    }

    /// Valid suppressions by rule id; invalid ones are reported into `findings`.
    private func checkSuppressions(_ study: Study, findings: inout [Finding]) -> [String: Suppression] {
        var valid: [String: Suppression] = [:]
        for suppression in study.suppressions {
            if !suppressible.contains(suppression.rule) {
                var message = "audit.ignore names unknown rule '\(suppression.rule)'"
                if let nearest = NearestMatch.best(for: suppression.rule, among: suppressible.sorted()) { message += "; did you mean '\(nearest)'?" }
                findings.append(Auditor.finding(Diagnostic(.invalidSuppression, at: suppression.location, message, field: "audit.ignore")))
                continue
            }
            if suppression.reason == nil {
                findings.append(Auditor.finding(Diagnostic(
                    .invalidSuppression, at: suppression.location,
                    "audit.ignore of '\(suppression.rule)' needs a non-empty 'reason' so reviewers know why", field: "audit.ignore")))
            }
            valid[suppression.rule] = suppression
        }
        return valid
    }

    /// Loads and audits files on all cores and hands each report to `each` in input order
    /// (see `OrderedWork`), so a set of any size streams. Duplicate ids are found on the way: the first use of an id
    /// always comes earlier in the order, so the later entry carries the finding.
    /// `keepStudies: false` drops each report's study and rule matches (outputs need its findings
    /// and evidence only) on the worker that made them.
    public func audit(files: [String], keepStudies: Bool = true, each: (StudyReport) -> Void) async {
        await audit(files: files, keepStudies: keepStudies, prepare: { _ in () }) { report, _ in each(report) }
    }

    /// As `audit(files:keepStudies:each:)`, with `prepare` (rendering a report, say) run on the
    /// workers too, so that the one ordered consumer only writes. `prepare` sees the report as
    /// `each` will; one that gains a duplicate-id finding in order is prepared again.
    public func audit<Prepared: Sendable>(
        files: [String], keepStudies: Bool = true, prepare: @escaping @Sendable (StudyReport) -> Prepared,
        each: (StudyReport, Prepared) -> Void
    ) async {
        let loader = self.loader
        let links = await links(for: files)
        var ids = DuplicateIDs(grades: pack.builtinGrades)
        await OrderedWork.run(count: files.count, job: { index in
            var report = self.audit(loader.load(contentsOf: files[index]), links: links)
            let id = report.study?.string(.id)
            if !keepStudies {
                // Freed by the thread that allocated them, so the one consumer never frees into
                // the workers' malloc arenas and contends for them.
                report.study = nil
                report.matches = []
                report.source = nil
            }
            return (report, id, prepare(report))
        }) { report, id, prepared in
            let marked = ids.mark(report, id: id)
            each(marked, marked.findings.count == report.findings.count ? prepared : prepare(marked))
        }
    }

    /// All reports of a set, in input order. `keepStudies: false` drops each report's study and
    /// rule matches (see `audit(files:keepStudies:each:)`).
    public func audit(files: [String], keepStudies: Bool = true) async -> AuditReport {
        var reports: [StudyReport] = []
        reports.reserveCapacity(files.count)
        await audit(files: files, keepStudies: keepStudies) { reports.append($0) }
        return AuditReport(studies: reports)
    }

    /// Ids seen so far, and the finding for a repeated one.
    struct DuplicateIDs {
        private var first: [String: SourceLocation] = [:]
        /// A configuration may turn `duplicate-id` off or re-grade it.
        let grades: BuiltinGrades

        init(grades: BuiltinGrades) { self.grades = grades }

        /// `id`: the study's id where it is written (the report may no longer hold its study).
        mutating func mark(_ report: StudyReport, id: Located<String>?) -> StudyReport {
            guard let location = id?.location, let id = id?.value else { return report }
            guard let original = first[id] else {
                first[id] = location
                return report
            }
            var report = report
            report.findings.append(Auditor.finding(Diagnostic(
                .duplicateID, at: location, "duplicate id '\(id)': already used by \(original)", field: "id", excerpt: id,
                related: [original])))
            report.findings = Auditor.sorted(grades.apply(report.findings))
            return report
        }
    }

    static func finding(_ diagnostic: Diagnostic) -> Finding {
        Finding(
            rule: diagnostic.check.rawValue, severity: diagnostic.severity, flag: nil, message: diagnostic.message,
            field: diagnostic.field, location: diagnostic.location, excerpt: diagnostic.excerpt, why: diagnostic.check.summary,
            end: diagnostic.end, related: diagnostic.related, fix: diagnostic.fix)
    }

    /// The most findings one entry reports. Past it (an entry of 100,000 misspelt terms, say)
    /// a report would be megabytes of one mistake repeated: the first ones, in source order,
    /// and a located `input-limit` error saying how many more there were.
    public static let findingLimit = 1_000

    static func bounded(_ findings: [Finding]) -> [Finding] {
        guard findings.count > findingLimit else { return findings }
        let first = findings[findingLimit]
        let left = findings.count - findingLimit
        return Array(findings.prefix(findingLimit)) + [Auditor.finding(Diagnostic(
            .inputLimit, at: first.location,
            "the entry raises \(findings.count) findings; the first \(findingLimit) are reported and \(left) from here on are not: correct these and audit it again"))]
    }

    static func sorted(_ findings: [Finding]) -> [Finding] { findings.sorted(by: precedes) }

    /// Source order; at one place, the more severe first, then by rule.
    static func precedes(_ a: Finding, _ b: Finding) -> Bool {
        (a.location.line, a.location.column, -a.severity.rank, a.rule) < (b.location.line, b.location.column, -b.severity.rank, b.rule)
    }

    private func unique(_ values: [String]) -> [String] {
        var seen: Set<String> = []
        return values.filter { seen.insert($0).inserted }
    }
}
