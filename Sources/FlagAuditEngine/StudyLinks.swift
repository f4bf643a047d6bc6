import FlagAuditLoading
import FlagAuditModel

/// The entries of an audited set that others name in `reports_on`, by id, DOI and PMID, and
/// every id of the set (for "did you mean"). Built by `Auditor.links(for:)` before the audit
/// streams, because the study an entry reports on may come after it in the set's order.
public struct StudyLinks: Sendable {
    private var studies: [StudyReference: [Study]] = [:]
    private var ids: [String] = []

    public init() {}

    /// Links to every one of `studies` (a set small enough to hold: tests, examples).
    public init(_ studies: [Study]) {
        for study in studies { add(study) }
    }

    public var isEmpty: Bool { studies.isEmpty }

    /// Makes `study` a target of the references it answers to.
    public mutating func add(_ study: Study) {
        for reference in StudyLinks.references(of: study) { studies[reference, default: []].append(study) }
        if let id = study.id { ids.append(id) }
    }

    /// Records an id of the set that no entry names, for suggestions only.
    public mutating func addID(_ id: String) { ids.append(id) }

    /// The references a study answers to: its id, DOI and PMID.
    public static func references(of study: Study) -> [StudyReference] {
        var references: [StudyReference] = []
        if let id = study.id { references.append(.id(id)) }
        if let doi = study.string(.doi)?.value, let reference = StudyReference("doi:" + doi) { references.append(reference) }
        if let pmid = study.string(.pmid)?.value, StudyReference.isPMID(pmid) { references.append(.pmid(pmid)) }
        return references
    }

    /// The references under which a study may be named: its own, and its id read as a PMID
    /// when the id is all digits (`reports_on: "12345678"` reads as a PMID).
    static func answers(of study: Study) -> [StudyReference] {
        var references = references(of: study)
        if let id = study.id, StudyReference.isPMID(id) { references.append(.pmid(id)) }
        return references
    }

    public enum Resolution: Sendable {
        case study(Study)
        /// No entry answers; the nearest id when the reference is an id.
        case unknown(suggestion: String?)
        /// More than one entry answers (a shared DOI or PMID, a duplicated id): their paths.
        case ambiguous([String])
        case itself
    }

    /// What `study`'s `reports_on` names, with where it is written; nil when the study names
    /// none (or writes no reference the loader accepted).
    public func resolve(reportsOnOf study: Study) -> (written: Located<String>, reference: StudyReference, resolution: Resolution)? {
        guard let written = study.string(.reportsOn), let reference = StudyReference(written.value) else { return nil }
        return (written, reference, resolve(reference, from: study))
    }

    /// The entry `reference`, written in `from`, names. An entry naming itself is refused even
    /// when another entry shares the name.
    public func resolve(_ reference: StudyReference, from: Study) -> Resolution {
        if StudyLinks.answers(of: from).contains(reference) { return .itself }
        var found = others(reference, from)
        // An all-digit id is written as a PMID would be.
        if found.isEmpty, case .pmid(let digits) = reference { found = others(.id(digits), from) }
        if found.isEmpty {
            guard case .id(let id) = reference else { return .unknown(suggestion: nil) }
            return .unknown(suggestion: NearestMatch.best(for: id, among: ids.filter { $0 != from.id }.sorted()))
        }
        if found.count > 1 { return .ambiguous(found.map(\.path)) }
        return .study(found[0])
    }

    private func others(_ reference: StudyReference, _ from: Study) -> [Study] {
        (studies[reference] ?? []).filter { $0.path != from.path || $0.origin != from.origin }
    }
}
