import FlagAudit
import Foundation
import Testing

@Suite("The claim cache (--cache)")
struct ClaimCacheTests {
    /// Causal claims in an observational study: the transformer is asked about every sentence.
    static let entry = """
        id: sleep-cohort
        title: Poor sleep causes fatigue in long COVID
        design: cohort
        population: [long-covid]
        findings:
          - Sleep loss led to more fatigue.
          - Fatigue was associated with lower activity.

        """

    /// The header line's length for a cache file named `claims-<fingerprint>.bin`.
    static func cacheHeaderBytes(_ file: String) -> Int {
        let fingerprint = file.dropFirst("claims-".count).dropLast(".bin".count)
        return "flagaudit claim cache v1, model \(fingerprint), 4 labels\n".utf8.count
    }

    private func check(_ paths: [String], model: ClaimModelChoice = .transformer, cache: String?) async -> (Int32, Transcript) {
        var options = AuditRun.Options()
        options.rulesDirectory = Fixtures.rulesDirectory
        options.configurationSearch = nil
        options.paths = paths
        options.format = .json
        options.claimModel = model
        options.cacheDirectory = cache
        let transcript = Transcript()
        return (await AuditRun(options).run(console: transcript.console), transcript)
    }

    @Test func aWarmRunReadsEveryDecisionAndReportsTheSame() async throws {
        let directory = try Fixtures.directory(["entries/a.yaml": Array(ClaimCacheTests.entry.utf8)])
        defer { Fixtures.remove(directory) }
        let cache = directory + "/cache"
        let (_, uncached) = await check([directory + "/entries"], cache: nil)
        let (coldStatus, cold) = await check([directory + "/entries"], cache: cache)
        #expect(cold.messages.contains { $0.hasPrefix("claim cache: 3 new decisions, 3 sentences in \(cache)/claims-") })
        let (warmStatus, warm) = await check([directory + "/entries"], cache: cache)
        #expect(warm.messages.contains { $0.hasPrefix("claim cache: every decision read from") })
        #expect(cold.report == uncached.report && warm.report == uncached.report && coldStatus == warmStatus)
        #expect(uncached.report.contains("causal-language-correlational"))
    }

    @Test func sentencesInTheCacheDoNotRunTheEncoder() throws {
        var pack = try RulePackLoader(claimModel: .transformer).load(directory: Fixtures.rulesDirectory)
        let loaded = StudyLoader(vocabulary: pack.vocabulary).load(path: "a.yaml", bytes: Array(ClaimCacheTests.entry.utf8))
        let cold = Auditor(pack: pack).audit(loaded)
        #expect(cold.claimDecisions.count == 3)
        var cache = ClaimCache(fingerprint: try #require(pack.claimTransformer).fingerprint, labels: 4)
        for decision in cold.claimDecisions.dropLast() { cache.insert(decision) }
        pack.claimCache = cache
        let warm = Auditor(pack: pack).audit(loaded)
        #expect(warm.claimDecisions == [cold.claimDecisions[2]])
        #expect(warm.findings == cold.findings)
    }

    @Test func aDecisionReadBackIsTheDecisionToTheBit() throws {
        var cache = ClaimCache(fingerprint: "m1", labels: 4)
        let probabilities = [0.1 / 3, 1e-17, 0.6666666666666666, 1 - 0.1 / 3 - 1e-17 - 0.6666666666666666]
        cache.insert(ClaimDecision(key: ClaimCache.key("X causes Y."), probabilities: probabilities))
        cache.insert(ClaimDecision(key: 1, probabilities: [1, 0, 0]))   // the wrong number of labels is not kept
        let read = try ClaimCache(parsing: cache.serialized(), path: "c.bin", fingerprint: "m1", labels: 4)
        #expect(read.count == 1)
        #expect(read.probabilities(for: ClaimCache.key("X causes Y."))?.map(\.bitPattern) == probabilities.map(\.bitPattern))
        // Another model's file, a cut record or a probability out of range is refused.
        let bytes = cache.serialized()
        #expect(throws: FileError.self) { try ClaimCache(parsing: bytes, path: "c.bin", fingerprint: "m2", labels: 4) }
        #expect(throws: FileError.self) { try ClaimCache(parsing: Array(bytes.dropLast()), path: "c.bin", fingerprint: "m1", labels: 4) }
        var outOfRange = bytes
        withUnsafeBytes(of: (2.0).bitPattern.littleEndian) { outOfRange.replaceSubrange((bytes.count - 8)..., with: $0) }
        #expect(throws: FileError.self) { try ClaimCache(parsing: outOfRange, path: "c.bin", fingerprint: "m1", labels: 4) }
    }

    @Test func aDamagedCacheIsSaidAndRebuiltAndAFileInItsPlaceRefusesTheRun() async throws {
        let directory = try Fixtures.directory(["entries/a.yaml": Array(ClaimCacheTests.entry.utf8), "not-a-directory": [0x78]])
        defer { Fixtures.remove(directory) }
        let cache = directory + "/cache"
        let (_, cold) = await check([directory + "/entries"], cache: cache)
        let file = try #require(try FileManager.default.contentsOfDirectory(atPath: cache).first)
        try Data("flagaudit claim cache v1, model other\n".utf8).write(to: URL(fileURLWithPath: cache + "/" + file))
        let (_, damaged) = await check([directory + "/entries"], cache: cache)
        #expect(damaged.messages.contains { $0.contains("not a claim cache of this model") && $0.contains("(the cache is rebuilt)") })
        #expect(damaged.report == cold.report)
        #expect(try Data(contentsOf: URL(fileURLWithPath: cache + "/" + file)).count == ClaimCacheTests.cacheHeaderBytes(file) + 3 * 40)

        let (status, refused) = await check([directory + "/entries"], cache: directory + "/not-a-directory")
        #expect(status == ExitStatus.untrusted && refused.report.isEmpty)
        #expect(refused.messages.contains { $0.contains("--cache needs a directory") })

        let (_, linear) = await check([directory + "/entries"], model: .linear, cache: directory + "/unused")
        #expect(linear.messages.contains { $0.contains("the linear model needs no cache") })
        #expect(!FileManager.default.fileExists(atPath: directory + "/unused"))
    }
}
