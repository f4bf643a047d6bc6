import Foundation
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

@Suite("Text analysis")
struct TextAnalysisTests {
    static let splitter = SentenceSplitter(abbreviations: Fixtures.pack.lexicon.abbreviations)
    static let classifier = ClaimClassifier(lexicon: Fixtures.pack.lexicon)

    static func sentences(_ text: String) -> [String] {
        let scalars = Array(text.unicodeScalars)
        return splitter.ranges(in: scalars).map { String(String.UnicodeScalarView(scalars[$0])) }
    }

    @Test func abbreviationsDecimalsAndCountsDoNotSplit() {
        #expect(TextAnalysisTests.sentences("Smith et al. reported 2.5 times more fatigue (n = 41). Pain fell vs. baseline, e.g. at week 4. Done.") == [
            "Smith et al. reported 2.5 times more fatigue (n = 41).", "Pain fell vs. baseline, e.g. at week 4.", "Done.",
        ])
        #expect(TextAnalysisTests.sentences("M. E. van der Schaaf led it. Then it ended.").count == 2)
        #expect(TextAnalysisTests.sentences("Background\n\nResults were null.").count == 2)
    }

    /// An all-ASCII text is split and tokenized on its bytes, any other on its scalars: both
    /// give the same sentences, offsets and tokens.
    @Test(arguments: [
        "Smith et al. reported 2.5 times more fatigue (n = 41). Pain fell vs. baseline, e.g. at week 4. Done.",
        "Background\n\nResults were null.\n- first item\n* second item \"Quoted.\" Next one? Yes! 41 patients.",
        "M. E. van der Schaaf led it. Then it ended. i.e. nothing don't stop 3.5.",
        String(repeating: "word ", count: 700) + "end.",
    ])
    func bytesAndScalarsSplitAlike(text: String) {
        let block = TextBlock(field: .summary, text: text, start: SourceLocation(path: "a.yaml", line: 3, column: 3))
        let sentences = TextAnalysisTests.splitter.sentences(of: block, field: .summary)
        let scalars = Array(text.unicodeScalars)
        let ranges = TextAnalysisTests.splitter.ranges(in: scalars)
        #expect(sentences.map(\.offset) == ranges.map(\.lowerBound))
        #expect(sentences.map(\.text) == ranges.map { String(String.UnicodeScalarView(scalars[$0])) })
        #expect(sentences.map(\.tokens) == ranges.map { Tokenizer.tokens(scalars[$0]) })
        // The same text with one scalar outside ASCII takes the other path and agrees too.
        let accented = TextAnalysisTests.splitter.sentences(of: TextBlock(field: .summary, text: text + " Café.", start: block.start), field: .summary)
        #expect(accented.dropLast().map(\.text) == sentences.map(\.text))
        #expect(accented.dropLast().map(\.tokens) == sentences.map(\.tokens))
    }

    @Test(arguments: [
        ("CBT led to improved connectivity between networks.", ClaimStrength.directCausal),
        ("Exercise reduces pain in fibromyalgia.", .directCausal),
        ("Pacing reduced fatigue scores.", .directCausal),
        ("Exercise may reduce pain.", .conditionalCausal),
        ("Cognitive behavioral therapy appears to work by normalizing connectivity.", .conditionalCausal),
        ("Fatigue was associated with increased connectivity.", .correlational),
        ("Pain correlated with sleep quality.", .correlational),
        ("CBT did not improve fatigue.", ClaimStrength.none),
        ("This study does not prove that CBT works by changing these brain networks.", ClaimStrength.none),
        ("We aimed to test whether exercise reduces pain.", ClaimStrength.none),
    ])
    func claimStrength(sentence: String, expected: ClaimStrength) {
        #expect(TextAnalysisTests.classifier.classify(sentence).strength == expected)
    }

    @Test func tokensAreLowerCasedWordsWithTheirHashes() {
        let tokens = Tokenizer.tokens("Naïve ÜBER-fatigue don’t reach 2.5 ΣΑΣ.")
        #expect(tokens.map(\.text) == ["naïve", "über", "fatigue", "don't", "reach", "2.5", "σασ"]) // scalar by scalar: no final sigma
        #expect(tokens.allSatisfy { $0.hash == WordHash.of($0.text) })
        #expect(tokens.map(\.start) == [0, 6, 11, 19, 25, 31, 35])
    }

    @Test func hashedFeaturesAreTheModelsFeatures() {
        // The classifier hashes word features without building them; training reads the strings.
        let classifier = Fixtures.pack.claimClassifier
        for sentence in [
            "Graded exercise therapy improved fatigue in 41 patients, but pacing didn't.",
            "Naïve patients' symptoms were reduced; Über-fatigue 2.5 increasingly persisted.",
            "Participants reportedly recovered, suggesting exercises may help (p < 0.05).",
            "", "s", "ed ing ly",
            // Every kind of cue: an aim, causal cues plain, hedged, negated and after the aim,
            // a number inside a cue, association cues and their phrases.
            "We aimed to test whether 3 sessions led to less pain; CBT may reduce fatigue, did not cause harm "
                + "and was associated with 2 fewer visits, which correlated with sleep.",
            "Strikingly, those exercising daily increasingly improved: cures, cured, curing, carefully, fixes.",
        ] {
            let tokens = Tokenizer.tokens(sentence)
            let cues = classifier.readCues(tokens, words: WordMask(tokens))
            #expect(classifier.featureKeys(tokens, cues: cues) == classifier.features(tokens, cues: cues).map(FeatureKey.of), "\(sentence)")
        }
    }

    @Test func claimModelDecidesByHashAsByName() throws {
        let model = try #require(Fixtures.pack.claimModel)
        let features = Fixtures.pack.claimClassifier.features(Tokenizer.tokens("Exercise therapy reduced pain and improved sleep."))
        let byName = model.scores(features)
        let decision = model.decide(hashed: features.map(FeatureKey.of))
        #expect(decision.label == model.classes[byName.indices.max { byName[$0] < byName[$1] }!])
        #expect(!decision.contributions.isEmpty)
        #expect(decision.contributions.allSatisfy { model.weights[$0.feature] != nil })
    }

    /// The weights file reads the same with LF or CRLF line ends, and a bad line is located.
    @Test func modelFileParsesWithEitherLineEnd() throws {
        let text = "# comment\nclasses\ta\tb\nbias\t0.5\t-0.5\nw:naïve\t1\t-1\nb:<s>_x\t0.25\t0\n"
        let lf = try LinearModel(parsing: text, path: "m.tsv")
        let crlf = try LinearModel(parsing: text.replacingOccurrences(of: "\n", with: "\r\n"), path: "m.tsv")
        #expect(lf.classes == ["a", "b"] && lf.bias == [0.5, -0.5])
        #expect(lf.weights == ["w:naïve": [1, -1], "b:<s>_x": [0.25, 0]])
        #expect(crlf.classes == lf.classes && crlf.bias == lf.bias && crlf.weights == lf.weights)
        #expect(lf.decide(hashed: [FeatureKey.word(WordHash.of("naïve"))]).label == "a")
        #expect {
            _ = try LinearModel(parsing: "classes\ta\tb\nbias\t0\t0\n\nw:x\t1\n", path: "m.tsv")
        } throws: { error in (error as? DiagnosticError)?.diagnostics.first?.location.line == 4 }
    }

    @Test func negationScopeClosesAtOnlyThat() {
        let claim = TextAnalysisTests.classifier.classify("It does not prove that CBT works, only that improvements are associated with changes.")
        #expect(claim.strength == .correlational)
    }

    /// The one walk of a sentence's negation scopes answers, at every word, what the reference
    /// walk from the sentence's start answers: on random sentences of negators, scope openers,
    /// closers and cue words, where multi-word matches overlap the words asked about.
    @Test func negationScopesInOneWalkAreTheWalkFromTheStart() {
        let lexicon = Fixtures.pack.lexicon
        let negation = Negation(lexicon: lexicon)
        let words = ["does not prove that", "no evidence that", "not", "but", "only that", "however", "improved", "led to",
                     "associated with", "CBT", "the", "fatigue", ",", "and", "whether", "did not", "rather than", "unclear whether"]
        var generator = SplitMix64(seed: 5)
        for _ in 0..<300 {
            let text = (0..<Int(generator.next() % 30)).map { _ in words[Int(generator.next() % UInt64(words.count))] }.joined(separator: " ")
            let tokens = Tokenizer.tokens(text)
            let scopes = negation.scopes(of: tokens)
            for index in tokens.indices {
                #expect(negation.isNegated(tokenAt: index, in: tokens, scopes: scopes) == negation.isNegated(tokenAt: index, in: tokens), "\(text) @\(index)")
            }
        }
    }

    @Test func sentencesAreLocatedInFoldedBlocks() throws {
        let study = try #require(Fixtures.load("id: a\ntitle: T\nsummary: >\n  First sentence here.\n  Second one\n  starts on line five.\n").study)
        let analysis = Fixtures.auditor.analyze(study)
        let located = analysis.sentences[.summary]?.map { ($0.location.line, $0.location.column) }
        #expect(located?.map(\.0) == [4, 5])
        #expect(located?.map(\.1) == [3, 3])
    }

    @Test func phrasesMatchWholeWordsAndHyphenVariants() {
        let set = PhraseSet(["hypothesis-generating", "pilot study"])
        #expect(set.firstMatch(in: Tokenizer.tokens("This hypothesis generating work")) == 1..<3)
        #expect(set.firstMatch(in: Tokenizer.tokens("A Pilot Study of pacing")) == 1..<3)
        #expect(set.firstMatch(in: Tokenizer.tokens("autopilot studying")) == nil)
    }

    @Test func wordMasksSkipSentencesWithoutChangingMatches() throws {
        // Every phrase set of the default lexicon, on every sentence of the seed texts: the
        // matches with the sentence's word mask are the matches without it, and the mask does
        // rule sentences out.
        let lexicon = Fixtures.pack.lexicon
        var sets = [lexicon.negators, lexicon.negationScopes, lexicon.hedges, lexicon.causalCues, lexicon.participles,
                    lexicon.aims, lexicon.correlationalCues]
        sets += lexicon.signals.flatMap { $0.values.map(\.phrases) }
        sets += lexicon.terms.terms.values.flatMap { $0.map(\.phrases) }
        let texts = try FileManager.default.contentsOfDirectory(atPath: Fixtures.seedsDirectory + "/raw")
            .map { try String(contentsOfFile: Fixtures.seedsDirectory + "/raw/" + $0, encoding: .utf8) }
        var skipped = 0, compared = 0
        for text in texts {
            let block = TextBlock(field: .text, text: text, start: SourceLocation(path: "t", line: 1, column: 1), anchors: [])
            for sentence in TextAnalysisTests.splitter.sentences(of: block, field: .text) {
                for set in sets {
                    compared += 1
                    if !set.mayMatch(sentence.words) { skipped += 1 }
                    #expect(set.matches(in: sentence.tokens, words: sentence.words) == set.matches(in: sentence.tokens))
                    #expect(set.firstMatch(in: sentence.tokens, words: sentence.words) == set.firstMatch(in: sentence.tokens))
                }
            }
        }
        #expect(skipped > compared / 2)
    }

    @Test func excerptsAreTheWordsAsWrittenOnOneLine() throws {
        func excerpt(_ text: String, words: Range<Int>) throws -> String {
            let block = TextBlock(field: .text, text: text, start: SourceLocation(path: "t", line: 1, column: 1))
            let sentence = try #require(TextAnalysisTests.splitter.sentences(of: block, field: .text).first)
            return sentence.excerpt(words)
        }
        #expect(try excerpt("CBT led to improved connectivity.", words: 1..<3) == "led to")
        #expect(try excerpt("CBT led\n  to  improved connectivity.", words: 1..<4) == "led to improved")
        #expect(try excerpt("Café led\u{00A0}to improved sleep.", words: 1..<3) == "led to")
        #expect(try excerpt("Café – CBT’s effect improved sleep.", words: 1..<4) == "CBT’s effect improved")
    }

    @Test func suggestionsAreNearNotWild() {
        #expect(NearestMatch.best(for: "desing", among: ["design", "title"]) == "design")
        #expect(NearestMatch.best(for: "zzzzzz", among: ["design", "title"]) == nil)
    }
}

@Suite("Lines and white space")
struct LinesAndWhiteSpaceTests {
    /// Every scalar that is white space to Unicode or Foundation, and some that are not
    /// (zero-width space, a combining mark, a prepended mark, letters outside ASCII).
    static let spaces: [String] = ["\t", "\n", "\u{0B}", "\u{0C}", "\r", " ", "\u{85}", "\u{A0}", "\u{1680}", "\u{2000}", "\u{200A}",
                                   "\u{2028}", "\u{2029}", "\u{202F}", "\u{205F}", "\u{3000}", "\r\n"]
    static let others: [String] = ["a", "é", "\u{200B}", "\u{301}", "\u{600}", "𝛼", "✓", "x y"]

    @Test func trimmingMeansWhatFoundationMeans() {
        var samples = ["", "word"]
        for space in LinesAndWhiteSpaceTests.spaces {
            for other in LinesAndWhiteSpaceTests.others {
                samples += [space, space + other, other + space, space + other + space + other + space, other + space + space + other]
            }
        }
        for text in samples {
            #expect(text.trimmedWhitespace == text.trimmingCharacters(in: .whitespacesAndNewlines), "\(text.debugDescription)")
        }
    }

    /// Prose white space's ASCII fast path agrees with Unicode's White_Space on every scalar;
    /// YAML's is its four ASCII separators and nothing else, so a no-break space is never blank.
    @Test func whiteSpaceNotionsMeanWhatTheySay() {
        let disagreeing = (UInt32(0)...0x10FFFF).compactMap(Unicode.Scalar.init).filter {
            Whitespace.isProse($0) != $0.properties.isWhitespace
        }
        #expect(disagreeing.isEmpty, "\(disagreeing.map { "U+" + String($0.value, radix: 16) })")
        #expect((0...255).filter { Whitespace.isYAML(UInt8($0)) } == [0x09, 0x0A, 0x0D, 0x20])
        #expect(!Whitespace.isYAML(Unicode.Scalar(0xA0)!) && !Whitespace.isYAML(Unicode.Scalar(0x0B)!))
    }

    @Test func linesSplitAtEveryLineFeedOnly() {
        let text = "one\r\ntwo\n\nthree é\u{2028}still three\rfour\n"
        #expect(text.scalarLines == ["one\r", "two", "", "three é\u{2028}still three\rfour", ""])
        #expect("".scalarLines == [""])
        #expect("no feed".scalarLines == ["no feed"])
    }
}
