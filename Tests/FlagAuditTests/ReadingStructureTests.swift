import Foundation
import Testing
@testable import FlagAuditEvaluation
@testable import FlagAuditScreening
@testable import FlagAuditText
@testable import FlagAuditModel

/// `screen` reads a text's structure and the scope of its sentences (#20): only this study's
/// sentences decide its design, randomisation and blinding. Every text here is invented, in the
/// shape of the failures the issue names.
@Suite("Reading structure and scope")
struct ReadingStructureTests {
    static let screener = Screener(pack: Fixtures.pack)

    static func read(_ text: String) -> Extraction { screener.screen(path: "text.txt", text: text).extraction }

    /// A full paper with a licence line, a "previously published" phrase and a discussion that
    /// cites a review of trials is a full text of a randomised trial, not news or a review.
    @Test func aPaperWithALicenceLineIsAFullTextAndItsDiscussionDoesNotMakeItAReview() {
        let filler = String(repeating: "Pain scores were recorded by a nurse at every visit of the study. ", count: 200)
        let text = """
            Pacing advice for people with chronic fatigue syndrome

            Abstract
            Background
            Fatigue is common.
            Methods
            We randomly assigned 120 adults to pacing advice or usual care.

            Introduction
            Part of this work has previously been published as a conference abstract. \(filler)

            Methods
            Participants were randomised by a computer-generated list.

            Discussion
            A systematic review of randomised controlled trials found similar effects.

            Copyright © 2024 The Authors. All rights reserved.
            """
        let reading = ReadingStructureTests.read(text)
        #expect(reading.kind == .fullText)
        #expect(reading.design == "rct")
        #expect(reading.randomized == true)
        #expect(reading.evidence["design"]?.excerpt.contains("randomly assigned 120 adults") == true, "design from the abstract's methods")
    }

    /// Calls for research and other studies' designs decide nothing of this study.
    @Test(arguments: [
        "Heart rate variability was lower in patients than in controls. Studies with a double blind placebo controlled randomized design are needed.",
        "This feasibility study recruited 30 patients in six months. We now need a proper randomised trial.",
        "Symptoms were recorded in a diary. Previous randomised trials have shown benefits of graded activity.",
    ])
    func callsForResearchAndCitedTrialsDoNotMakeThisStudyATrial(_ text: String) {
        let reading = ReadingStructureTests.read("A study of fatigue\n\n" + text)
        #expect(reading.design != "rct")
        #expect(reading.randomized == nil)
        #expect(reading.blinded == nil)
    }

    /// A topic word is no design; the common ways of naming a randomised trial are.
    @Test(arguments: [
        ("Outcomes of women undergoing in vitro fertilization after a first miscarriage", nil as String?),
        ("Embryo transfer in patients undergoing in vitro fertilisation: a randomized clinical trial", "rct"),
        ("Two doses of magnesium: a randomized controlled, double-blind study", "rct"),
        ("Nerve blocks after knee surgery: a prospective randomised study", "rct"),
        ("Caffeine and sleep: a randomized crossover trial", "rct"),
        ("A comparison of observational studies and randomized controlled trials", nil),
    ])
    func designsAreReadFromWhatTheTitleNamesNotFromTopicWords(title: String, design: String?) {
        #expect(ReadingStructureTests.read(title + "\n\nWe report the results.").design == design)
    }

    /// Animals are never read as people: the design is animal and no sample size is given.
    @Test func animalsAreAnAnimalStudyWithoutParticipants() {
        let reading = ReadingStructureTests.read("""
            A joint supplement for dogs with osteoarthritis

            METHODS: Forty-four dogs with osteoarthritis were randomly assigned to the supplement or a placebo. RESULTS: Lameness scores fell in both groups.
            """)
        #expect(reading.design == "animal")
        #expect(reading.sampleSize == nil)
    }

    @Test func aPatientDescribedByAgeIsACaseReport() {
        let reading = ReadingStructureTests.read("Pain after a spider bite\n\nA 45-year-old woman presented with widespread pain two weeks after a bite.")
        #expect(reading.design == "case-report")
    }

    /// The trial's own double-blind comparison outweighs the open-label phase after it.
    @Test func doubleBlindOutweighsAnOpenLabelPhase() {
        let reading = ReadingStructureTests.read("""
            Low-dose naltrexone in fibromyalgia

            METHODS: In this double-blind trial, 60 women were randomised to naltrexone or placebo for 12 weeks, followed by an open label phase.
            """)
        #expect(reading.blinded == true)
        #expect(reading.design == "rct")
    }

    /// Headings are found on lines of their own (numbered or not), before a colon and in capitals.
    @Test func headingsOpenTheirSections() throws {
        let structure = Fixtures.pack.lexicon.screen.structure
        #expect(DocumentStructure.lineHeading("2.1 Study design", lexicon: structure) == .methods)
        #expect(DocumentStructure.lineHeading("DISCUSSION", lexicon: structure) == .discussion)
        #expect(DocumentStructure.lineHeading("References:", lexicon: structure) == .backMatter)
        #expect(DocumentStructure.lineHeading("Methods were compared in a pilot.", lexicon: structure) == nil)
        #expect(DocumentStructure.inlineHeading("Design, Setting, and Participants: A trial in 4 clinics.", lexicon: structure) == .methods)
        #expect(DocumentStructure.inlineHeading("METHODS AND RESULTS We enrolled 20 adults.", lexicon: structure) == .methods)
        #expect(DocumentStructure.inlineHeading("Results of earlier work were mixed.", lexicon: structure) == nil)
        #expect(DocumentStructure.isFurniture("© 2023 Elsevier Ltd.", lexicon: structure))
    }

    /// `eval design` tells the three kinds of file apart by their columns and scores each.
    @Test func evalDesignScoresLabelledRecords() throws {
        let csv = """
            pmid,title,abstract,design_stratum,publication_types,mesh_observational,mesh_blinding,mesh_species
            1,Pacing in fatigue: a randomised trial,"METHODS: 80 adults were randomly assigned to pacing or usual care, double-blind.",rct,,,double,Humans
            2,Fatigue in two clinics,"We surveyed 300 patients once. More randomised trials are needed.",other-article,,,,Humans
            3,A vaccine in mice,"METHODS: Twenty mice were randomly assigned to vaccine or saline.",other-article,,,,Animals

            """
        let folder = try Fixtures.directory(["records.csv": Array(csv.utf8)])
        defer { Fixtures.remove(folder) }
        let outcomes = try DesignEvaluation(screener: ReadingStructureTests.screener).evaluate(folder + "/records.csv")
        let rates = Dictionary(uniqueKeysWithValues: DesignEvaluation.rates(outcomes).map { ($0.label, ($0.count, $0.of)) })
        #expect(rates["trials saying they are randomised: design rct"]! == (1, 1))
        #expect(rates["trials indexed double- or single-blind: blinded true"]! == (1, 1))
        #expect(rates["non-trial records: design rct or controlled-trial"]! == (0, 2))
        #expect(rates["animal-only studies: design animal or in-vitro"]! == (1, 1))
        #expect(rates["animal-only studies: given a number of participants"]! == (0, 1))
        #expect(throws: FileError.self) {
            let other = try Fixtures.directory(["x.csv": Array("a,b\n1,2\n".utf8)])
            defer { Fixtures.remove(other) }
            _ = try DesignEvaluation(screener: ReadingStructureTests.screener).evaluate(other + "/x.csv")
        }
    }
}
