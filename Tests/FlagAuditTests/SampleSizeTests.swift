import Testing
import FlagAudit
@testable import FlagAuditModel
@testable import FlagAuditLearning
@testable import FlagAuditLoading
@testable import FlagAuditText
@testable import FlagAuditEngine
@testable import FlagAuditEvaluation
@testable import FlagAuditScreening
@testable import FlagAuditReporting
@testable import FlagAuditWorkflow

@Suite("Sample size")
struct SampleSizeTests {
    static let extractor = SampleSizeExtractor(lexicon: Fixtures.pack.lexicon)

    static func size(_ text: String) -> Int? { extractor.extract(text)?.value }

    @Test(arguments: [
        ("A total of 41 fibromyalgia patients were randomised into two study arms.", 41),
        ("Forty-eight patients with ME/CFS were enrolled.", 48),
        ("Three hundred sixty-five patients were enrolled. One hundred eighty-three patients were assigned to the 40K arm, and 182 were assigned to the 120K arm.", 365),
        ("We randomised 21 patients to MAIR and 20 to relaxation.", 41),
        ("Patients were randomly assigned to text messages (n = 151) or no messages (n = 152).", 303),
        ("METHODS 1,212 adults were recruited from primary care.", 1212),
        ("In total, 90 paediatric patients aged 4-10 years received granisetron.", 90),
    ])
    func findsParticipants(text: String, expected: Int) {
        #expect(SampleSizeTests.size(text) == expected)
        // The same in an entry's text: sentences with no digit or number word are passed over
        // there, and words such as "Forty-eight" must still count.
        let study = Fixtures.load("id: s\ntitle: T\ntext: \"Background first. \(text)\"\n").study!
        #expect(Fixtures.auditor.analyze(study).signals.sampleSize?.value == expected)
    }

    @Test(arguments: [
        "It is believed that around 10 million people in the US may suffer from fibromyalgia.",
        "A total of 9 eligible studies were identified from 749 records.",
        "Patients were followed for 12 weeks and treated for 30 minutes a day.",
        "Pain fell by 41% over 6 months.",
        "The survey covered 12 hospitals in 3 countries.",
    ])
    func abstainsOnCountsThatAreNotParticipants(text: String) {
        #expect(SampleSizeTests.size(text) == nil)
    }

    @Test func screenedAndSubsetCountsLoseToTheSample() {
        #expect(SampleSizeTests.size("Of 1,200 patients screened, 300 were enrolled. Of these, 20 patients withdrew.") == 300)
        #expect(SampleSizeTests.size("Fifty patients were randomised. All but four patients completed the study.") == 50)
    }

    /// Thousands grouped by a space, as SI and typesetting write them (a thin or no-break
    /// space too), are one number; a year before a count is not a group.
    @Test(arguments: [" ", "\u{2009}", "\u{202F}", "\u{A0}", ","])
    func thousandsGroupedBySpacesAreOneNumber(_ separator: String) {
        #expect(SampleSizeTests.size("In total, 13\(separator)339 women were randomly assigned to two arms.") == 13_339)
        #expect(SampleSizeTests.size("We enrolled 1\(separator)204\(separator)500 adults.") == 1_204_500)
        #expect(SampleSizeTests.size("In 2019 250 patients were enrolled.") == 250)
    }

    /// A plural the lexicon does not know, followed by "were" and an enrolment verb, names the
    /// people counted; a unit the lexicon knows is not people ("hospitals") stays out.
    @Test func anUnknownPluralBeforeAnEnrolmentVerbIsPeople() {
        #expect(SampleSizeTests.size("A total of 81 schizophrenics were randomly divided into two groups.") == 81)
        #expect(SampleSizeTests.size("In all, 64 smokers were randomly allocated to the two arms.") == 64)
        #expect(SampleSizeTests.size("Twelve hospitals were randomly assigned.") == nil)
    }

    @Test func seedPressArticleAndReview() throws {
        func raw(_ name: String) throws -> String {
            String(decoding: try FileInput.read(Fixtures.seedsDirectory + "/raw/" + name, limit: 1 << 20), as: UTF8.self)
        }
        #expect(SampleSizeTests.size(try raw("004-news-mair-fibromyalgia.txt")) == 41)
        #expect(SampleSizeTests.size(try raw("003-review-conservative-treatment-brain.txt")) == nil)
    }

    @Test func candidatesExplainThemselves() throws {
        let found = try #require(SampleSizeTests.extractor.extract("A total of 41 patients were randomised."))
        #expect(found.reasons.contains("people noun 'patients'"))
        #expect(found.reasons.contains { $0.hasPrefix("total") })
        #expect(found.reasons.contains("enrolment wording"))
    }
}

@Suite("Design signals")
struct SignalTests {
    static func signals(_ text: String) -> TextSignals {
        let study = Fixtures.load("id: s\ntitle: T\ntext: \"\(text)\"\n").study!
        return Fixtures.auditor.analyze(study).signals
    }

    @Test(arguments: [
        ("Patients were randomly assigned to CBT or usual care.", "randomized"),
        ("In this non-randomised comparison, patients chose their therapy.", "not-randomized"),
        ("Allocation was quasi-randomized by day of admission.", "not-randomized"),
        ("Patients were not randomized.", "not-randomized"),
        ("Patients chose their therapy.", "unknown"),
    ])
    func randomization(text: String, expected: String) {
        #expect(SignalTests.signals(text).value("randomization") == expected)
    }

    @Test(arguments: [
        ("A double-blind, placebo-controlled trial.", "blinded"),
        ("An open-label trial.", "not-blinded"),
        ("Outcome assessors were masked to allocation.", "blinded"),
        ("Participants were not blinded.", "not-blinded"),
        ("Patients received exercise.", "unknown"),
    ])
    func blinding(text: String, expected: String) {
        #expect(SignalTests.signals(text).value("blinding") == expected)
    }

    @Test(arguments: [
        ("Patients were compared with a waiting list control group.", "waiting-list"),
        ("The control group received relaxation techniques.", "active"),
        ("A single-arm study of pacing.", "none"),
        ("Patients were compared with healthy controls.", "healthy-controls"),
        ("Treatment as usual served as comparator.", "usual-care"),
    ])
    func control(text: String, expected: String) {
        #expect(SignalTests.signals(text).value("control") == expected)
    }

    @Test func exploratoryReviewAndReporting() {
        #expect(SignalTests.signals("This pilot study tested feasibility.").value("exploratory") == "exploratory")
        #expect(SignalTests.signals("This is not a pilot study.").value("exploratory") == "unknown")
        #expect(SignalTests.signals("Conducted according to the PRISMA statement.").value("review") == "systematic")
        #expect(SignalTests.signals("A recent study published in the journal Pain found changes.").value("reporting") == "secondary")
    }

    @Test func caseDefinitionsAndPopulations() {
        let signals = SignalTests.signals(
            "Patients with chronic fatigue syndrome met the Fukuda criteria and the Canadian Consensus Criteria; controls had fibromyalgia.")
        #expect(signals.terms[.caseDefinitions]?.map(\.value) == ["fukuda-1994", "ccc-2003"])
        #expect(signals.terms[.populations]?.map(\.value) == ["me-cfs", "fibromyalgia"])
        #expect(SignalTests.signals("Diagnosed by the IOM 2015 criteria (SEID).").terms[.caseDefinitions]?.first?.value == "iom-2015")
        #expect(SignalTests.signals("Inter-rater ICC was 0.8 among me and my colleagues.").terms[.caseDefinitions] == nil)
    }
}
