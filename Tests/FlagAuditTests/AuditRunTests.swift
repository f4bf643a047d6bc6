import Foundation
import Testing
import FlagAudit
@testable import FlagAuditModel
@testable import FlagAuditWorkflow
@testable import FlagAuditReporting
import FlagAuditLoading

/// What a run wrote: its report and its messages (the exit status is the run's result).
final class Transcript {
    var report = ""
    var messages: [String] = []
    /// What went to standard error as it came (the report, while standard output carries a patch).
    var errors = ""
    var console: Console {
        Console(write: { self.report += $0 }, message: { self.messages.append($0) }, writeError: { self.errors += $0 })
    }
}

@Suite("The check run: precedence, baseline, fix then audit, exit status")
struct AuditRunTests {
    /// A study with a warning (a small sample without its flag) and nothing worse.
    static let smallCohort = "id: small-cohort\ntitle: A cohort of 30\ndesign: cohort\npopulation: [long-covid]\nsample_size: 30\n"
    /// A study with an error (an unknown design).
    static let unknownDesign = "id: odd-design\ntitle: T\ndesign: kohort\n"

    private func run(_ configure: (inout AuditRun.Options) -> Void) async -> (status: Int32, transcript: Transcript) {
        var options = AuditRun.Options()
        options.rulesDirectory = Fixtures.rulesDirectory
        options.configurationSearch = nil
        configure(&options)
        let transcript = Transcript()
        return (await AuditRun(options).run(console: transcript.console), transcript)
    }

    @Test func failOnComesFromTheOptionThenTheConfigurationThenDefaultsToError() async throws {
        let directory = try Fixtures.directory([
            "entries/a.yaml": Array(AuditRunTests.smallCohort.utf8), "never.yml": Array("fail_on: never\n".utf8),
            "warning.yml": Array("fail_on: warning\n".utf8), "atlas/.flagaudit.yml": Array("fail_on: warning\n".utf8),
            "atlas/entries/deep/a.yaml": Array(AuditRunTests.smallCohort.utf8),
        ])
        defer { Fixtures.remove(directory) }
        let entries = directory + "/entries"
        #expect(await run { $0.paths = [entries] }.status == ExitStatus.clean)
        #expect(await run { $0.paths = [entries]; $0.configurationPath = directory + "/warning.yml" }.status == ExitStatus.findings)
        // The nearest .flagaudit.yml from the folder searched up is read, and the option still wins over it.
        let deep = directory + "/atlas/entries/deep"
        #expect(await run { $0.paths = [deep]; $0.configurationSearch = deep }.status == ExitStatus.findings)
        #expect(await run { $0.paths = [deep]; $0.configurationSearch = deep; $0.failOn = .some(nil) }.status == ExitStatus.clean)
        #expect(await run { $0.paths = [entries]; $0.configurationSearch = directory }.status == ExitStatus.clean)
        #expect(await run { $0.paths = [entries]; $0.configurationPath = directory + "/warning.yml"; $0.failOn = .some(nil) }.status
            == ExitStatus.clean)
        #expect(await run { $0.paths = [entries]; $0.configurationPath = directory + "/never.yml"; $0.failOn = .some(.info) }.status
            == ExitStatus.findings)
    }

    @Test func thePackComesFromTheOptionBeforeTheConfiguration() async throws {
        let directory = try Fixtures.directory([
            "a.yaml": Array(AuditRunTests.smallCohort.utf8), "config.yml": Array("rules: /nonexistent/pack\n".utf8),
        ])
        defer { Fixtures.remove(directory) }
        let fromConfiguration = await run {
            $0.paths = [directory + "/a.yaml"]; $0.configurationPath = directory + "/config.yml"; $0.rulesDirectory = nil
        }
        #expect(fromConfiguration.status == ExitStatus.untrusted)
        #expect(fromConfiguration.transcript.messages.last == "error: the rule pack in '/nonexistent/pack' is unusable; nothing was audited")
        #expect(fromConfiguration.transcript.report.isEmpty)
        let fromOption = await run { $0.paths = [directory + "/a.yaml"]; $0.configurationPath = directory + "/config.yml" }
        #expect(fromOption.status == ExitStatus.clean)
        #expect(fromOption.transcript.report.contains("small-sample-primary"))
    }

    @Test func everyUnreadablePathIsNamedAndNothingIsAudited() async throws {
        let result = await run { $0.paths = ["/nonexistent/a.yaml", Fixtures.seedsDirectory, "/nonexistent/b"] }
        #expect(result.status == ExitStatus.untrusted)
        #expect(result.transcript.messages == [
            "/nonexistent/a.yaml: error: no such file or directory, or not readable",
            "/nonexistent/b: error: no such file or directory, or not readable",
        ])
        #expect(result.transcript.report.isEmpty)
    }

    @Test func aBaselineWrittenByOneRunSilencesThoseFindingsInTheNext() async throws {
        let directory = try Fixtures.directory([
            "entries/a.yaml": Array(AuditRunTests.smallCohort.utf8), "entries/b.yaml": Array(AuditRunTests.unknownDesign.utf8),
        ])
        defer { Fixtures.remove(directory) }
        let baseline = directory + "/baseline.json"
        let first = await run { $0.paths = [directory + "/entries"]; $0.writeBaselinePath = baseline }
        #expect(first.status == ExitStatus.findings)
        let recorded = try #require(first.transcript.messages.last)
        #expect(recorded.hasPrefix("wrote baseline of ") && recorded.hasSuffix(" findings to \(baseline)"))
        let second = await run { $0.paths = [directory + "/entries"]; $0.baselinePath = baseline; $0.format = .json }
        #expect(second.status == ExitStatus.clean)
        #expect(second.transcript.report.contains("\"error\": 0,\n    \"warning\": 0,\n    \"info\": 0"))
        // A new finding is still reported.
        try Data((AuditRunTests.unknownDesign + "sample_size: -3\n").utf8).write(to: URL(fileURLWithPath: directory + "/entries/b.yaml"))
        let third = await run { $0.paths = [directory + "/entries"]; $0.baselinePath = baseline }
        #expect(third.status == ExitStatus.findings)
        #expect(third.transcript.report.contains("sample_size"))
    }

    @Test func fixRewritesTheEntryAndTheReportIsOfTheFixedFile() async throws {
        let directory = try Fixtures.directory(["a.yaml": Array(AuditRunTests.smallCohort.utf8)])
        defer { Fixtures.remove(directory) }
        let path = directory + "/a.yaml"
        let preview = await run { $0.paths = [path]; $0.fix = .preview }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == AuditRunTests.smallCohort)
        // Standard output is the patch alone; the report moves to standard error.
        #expect(preview.transcript.report.hasPrefix("--- a/"))
        #expect(preview.transcript.report.contains("\n+  method_flags: [small-sample]\n"))
        #expect(!preview.transcript.report.contains("small-sample-primary"))
        #expect(preview.transcript.errors.contains("small-sample-primary"))
        let fixed = await run { $0.paths = [path]; $0.fix = .apply; $0.format = .json }
        #expect(fixed.status == ExitStatus.clean)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == AuditRunTests.smallCohort + "tags:\n  method_flags: [small-sample]\n")
        #expect(fixed.transcript.messages == ["\(path): fixed: line 6: added small-sample to tags.method_flags"])
        // The flag is declared now, so the study's finding is evidence, not a missing flag.
        #expect(fixed.transcript.report.contains("\"missing_flags\": []"))
    }

    /// A file another process holds a `flock` on (a concurrent `--fix`) is left as it is, and
    /// the run says why; the others are fixed.
    @Test func aFileLockedByAnotherFixIsLeftAndSaidSo() async throws {
        let other = AuditRunTests.smallCohort.replacingOccurrences(of: "small-cohort", with: "other")
        let directory = try Fixtures.directory(["a.yaml": Array(AuditRunTests.smallCohort.utf8), "b.yaml": Array(other.utf8)])
        defer { Fixtures.remove(directory) }
        let held = open(directory + "/a.yaml", O_RDONLY)
        defer { close(held) }
        #expect(flock(held, LOCK_EX | LOCK_NB) == 0)
        let fixed = await run { $0.paths = [directory]; $0.fix = .apply }
        #expect(try String(contentsOfFile: directory + "/a.yaml", encoding: .utf8) == AuditRunTests.smallCohort)
        #expect(try String(contentsOfFile: directory + "/b.yaml", encoding: .utf8).hasSuffix("method_flags: [small-sample]\n"))
        #expect(fixed.transcript.messages.first
            == "\(directory)/a.yaml: not fixed: another process is fixing it (the file is locked); run again when it is done")
    }

    /// A file name that is not UTF-8 (Latin-1 `caf\xE9.yaml`) is found, read, reported by its
    /// bytes (`\xE9` in text, `%E9` in a URI) and fixed under its own name.
    @Test func aFileNameThatIsNotUTF8IsAuditedAndFixedByItsBytes() async throws {
        let directory = try Fixtures.directory([:])
        defer { Fixtures.remove(directory) }
        let name = RawPath.decode(Array(directory.utf8) + Array("/caf".utf8) + [0xE9] + Array(".yaml".utf8))
        let created = RawPath.withCString(name) { open($0, O_WRONLY | O_CREAT, 0o644) }
        #expect(created >= 0)
        _ = AuditRunTests.smallCohort.withCString { write(created, $0, strlen($0)) }
        close(created)
        defer { RawPath.withCString(name) { _ = unlink($0) } }
        let audited = await run { $0.paths = [directory] }
        #expect(audited.transcript.report.contains("\(directory)/caf\\xE9.yaml:5:14: warning:"))
        #expect(!audited.transcript.report.contains("no such file"))
        #expect(SARIFReporter.uri(name).hasSuffix("/caf%E9.yaml"))
        let fixed = await run { $0.paths = [name]; $0.fix = .apply }
        #expect(fixed.status == ExitStatus.clean)
        let bytes = try FileInput.read(name, limit: 1 << 20)
        #expect(String(decoding: bytes, as: UTF8.self).hasSuffix("method_flags: [small-sample]\n"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory).count == 1)
    }

    @Test func aRefusedOutputStopsTheRunBeforeAnyEntryIsFixed() async throws {
        let directory = try Fixtures.directory(["a.yaml": Array(AuditRunTests.smallCohort.utf8)])
        defer { Fixtures.remove(directory) }
        let result = await run { $0.paths = [directory + "/a.yaml"]; $0.fix = .apply; $0.outputPath = directory + "/missing/out.json" }
        #expect(result.status == ExitStatus.untrusted)
        #expect(result.transcript.messages.count == 1 && result.transcript.messages[0].hasPrefix(directory + "/missing/out.json:"))
        #expect(try String(contentsOfFile: directory + "/a.yaml", encoding: .utf8) == AuditRunTests.smallCohort)
    }

    @Test func theReportGoesToTheOutputFileWhole() async throws {
        let directory = try Fixtures.directory(["a.yaml": Array(AuditRunTests.unknownDesign.utf8)])
        defer { Fixtures.remove(directory) }
        let result = await run { $0.paths = [directory + "/a.yaml"]; $0.outputPath = directory + "/out.sarif"; $0.format = .sarif }
        #expect(result.status == ExitStatus.findings)
        #expect(result.transcript.report.isEmpty)
        let written = try String(contentsOfFile: directory + "/out.sarif", encoding: .utf8)
        #expect(written.contains("\"ruleId\": \"unknown-term\""))
    }

    /// Every refusal comes before any entry is fixed: an output that is an input, a baseline
    /// that cannot be written.
    @Test func refusalsComeBeforeAnyFixAndAnInputIsNeverTheOutput() async throws {
        let directory = try Fixtures.directory(["a.yaml": Array(AuditRunTests.smallCohort.utf8), "b.yaml": Array(AuditRunTests.smallCohort.replacingOccurrences(of: "small-cohort", with: "b").utf8)])
        defer { Fixtures.remove(directory) }
        let intoInput = await run { $0.paths = [directory]; $0.fix = .apply; $0.outputPath = directory + "/./b.yaml" }
        #expect(intoInput.status == ExitStatus.untrusted && intoInput.transcript.messages.contains { $0.contains("would replace the entry") })
        let baseline = await run { $0.paths = [directory]; $0.fix = .apply; $0.writeBaselinePath = directory + "/missing/b.json" }
        #expect(baseline.status == ExitStatus.untrusted)
        for name in ["a.yaml", "b.yaml"] {
            #expect(try String(contentsOfFile: directory + "/" + name, encoding: .utf8).contains("id:"), "\(name)")
            #expect(!(try String(contentsOfFile: directory + "/" + name, encoding: .utf8)).contains("method_flags"), "\(name) was fixed")
        }
    }

    /// What a user names is written: a device or a FIFO through, a link's target in place (the
    /// link stays), a fixed entry with its mode.
    @Test func outputsAndFixesWriteWhatTheUserNamed() async throws {
        let directory = try Fixtures.directory(["entries/a.yaml": Array(AuditRunTests.smallCohort.utf8), "reports/real.json": Array("old".utf8)])
        defer { Fixtures.remove(directory) }
        // A FIFO is written through to its reader, and stays a FIFO (it was replaced by a regular file).
        let fifo = directory + "/pipe"
        #expect(mkfifo(fifo, 0o644) == 0)
        let reader = Task.detached { () -> String in
            guard let handle = FileHandle(forReadingAtPath: fifo) else { return "" }
            return String(decoding: handle.readDataToEndOfFile(), as: UTF8.self)
        }
        let piped = await run { $0.paths = [directory + "/entries"]; $0.outputPath = fifo; $0.format = .json }
        #expect(piped.status == ExitStatus.clean)
        #expect(await reader.value.contains("\"studies\""))
        var status = stat()
        #expect(stat(fifo, &status) == 0 && status.st_mode & S_IFMT == S_IFIFO)
        // A link to a report file: the file gets the report, the link stays a link.
        try FileManager.default.createSymbolicLink(atPath: directory + "/out.json", withDestinationPath: directory + "/reports/real.json")
        _ = await run { $0.paths = [directory + "/entries"]; $0.outputPath = directory + "/out.json"; $0.format = .json }
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: directory + "/out.json") == directory + "/reports/real.json")
        #expect(try String(contentsOfFile: directory + "/reports/real.json", encoding: .utf8).contains("\"studies\""))
        // --fix keeps an entry's mode, and fixes a linked entry's target, keeping the link.
        #expect(chmod(directory + "/entries/a.yaml", 0o640) == 0)
        try FileManager.default.createSymbolicLink(atPath: directory + "/linked.yaml", withDestinationPath: directory + "/entries/a.yaml")
        _ = await run { $0.paths = [directory + "/linked.yaml"]; $0.fix = .apply }
        #expect(try String(contentsOfFile: directory + "/entries/a.yaml", encoding: .utf8).contains("small-sample"))
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: directory + "/linked.yaml") == directory + "/entries/a.yaml")
        #expect(stat(directory + "/entries/a.yaml", &status) == 0 && status.st_mode & 0o777 == 0o640)
    }
}

/// `.flagaudit.yml` behaves the same from any folder: its `rules:` and `exclude:` are read
/// against its own folder, and a path written `./seeds`, `seeds` or absolute is the same path.
@Suite("The configuration, read against its folder")
struct ConfigurationPlacementTests {
    static let cohort = AuditRunTests.smallCohort

    @Test func excludeTakesGlobsAndMatchesPathsHoweverTheyAreWritten() throws {
        let exclusion = Exclusion(root: "/atlas", patterns: ["drafts", "**/*.draft.yaml", "./seeds/raw", "/elsewhere/x"].map(PathPattern.init), currentFolder: "/atlas/seeds")
        #expect(exclusion.pattern(excluding: "../drafts/a.yaml")?.description == "drafts")
        #expect(exclusion.pattern(excluding: "/atlas/drafts/deep/a.yaml")?.description == "drafts")
        #expect(exclusion.pattern(excluding: "x/y.draft.yaml")?.description == "**/*.draft.yaml")
        #expect(exclusion.pattern(excluding: "raw/a.yaml")?.description == "./seeds/raw")
        #expect(exclusion.pattern(excluding: "./raw")?.description == "./seeds/raw")
        #expect(exclusion.pattern(excluding: "/elsewhere/x/a.yaml")?.description == "/elsewhere/x")
        #expect(exclusion.pattern(excluding: "a.yaml") == nil)
        #expect(exclusion.pattern(excluding: "/atlas/draftsman/a.yaml") == nil)
        #expect(exclusion.pattern(excluding: "/other/drafts/a.yaml") == nil)
    }

    @Test func rulesAndExcludeAreReadAgainstTheConfigurationsFolder() async throws {
        let directory = try Fixtures.directory([
            "atlas/.flagaudit.yml": Array("version: 1\nrules: pack\nexclude: [entries/drafts, '**/*.wip.yaml']\n".utf8),
            "atlas/entries/a.yaml": Array(Self.cohort.utf8),
            "atlas/entries/drafts/b.yaml": Array("id: b\ntitle: T\ndesign: kohort\n".utf8),
            "atlas/entries/c.wip.yaml": Array("id: c\ntitle: T\ndesign: kohort\n".utf8),
        ])
        defer { Fixtures.remove(directory) }
        try FileManager.default.copyItem(atPath: Fixtures.rulesDirectory, toPath: directory + "/atlas/pack")
        let setup = try RunSetup.resolve(configurationPath: nil, searchingFrom: directory + "/atlas/entries/drafts", rulesDirectory: nil, claimModel: nil)
        #expect(setup.configuration?.root == directory + "/atlas")
        #expect(setup.pack.identity.origin == directory + "/atlas/pack")
        // The excluded folder and file are left out of the walk; named on their own they are skipped, and said so.
        let found = setup.discovery().files(under: [directory + "/atlas/entries", directory + "/atlas/entries/drafts/b.yaml"])
        #expect(found.files == [directory + "/atlas/entries/a.yaml"])
        #expect(found.skipped.map(\.reason) == ["excluded by 'entries/drafts' in the configuration"])
    }

    @Test func aConfigurationOfAnotherVersionIsRefused() throws {
        let directory = try Fixtures.directory([".flagaudit.yml": Array("version: 2\n".utf8)])
        defer { Fixtures.remove(directory) }
        #expect(throws: DiagnosticError.self) { try Configuration.load(directory + "/.flagaudit.yml") }
    }

    /// Consistency checks can be turned off or re-graded like rules; checks of the format cannot.
    @Test func builtInChecksAreDisabledOrReGradedButNotThoseOfTheFormat() throws {
        let directory = try Fixtures.directory([
            "ok.yml": Array("disabled_rules: [unsupported-flag]\nseverity:\n  non-canonical-term: error\n".utf8),
            "format.yml": Array("disabled_rules: [schema]\n".utf8),
        ])
        defer { Fixtures.remove(directory) }
        let pack = try Configuration.load(directory + "/ok.yml").apply(to: Fixtures.pack)
        let entry = "id: x\ntitle: T\ndesign: Cross Sectional\ntags:\n  method_flags: [exploratory-only]\n"
        let report = Auditor(pack: pack).audit(Fixtures.load(entry))
        #expect(!report.findings.contains { $0.rule == BuiltinCheck.unsupportedFlag.rawValue })
        #expect(report.findings.first { $0.rule == BuiltinCheck.nonCanonicalTerm.rawValue }?.severity == .error)
        let plain = Fixtures.audit(entry)
        #expect(plain.findings.contains { $0.rule == BuiltinCheck.unsupportedFlag.rawValue })
        #expect(plain.findings.first { $0.rule == BuiltinCheck.nonCanonicalTerm.rawValue }?.severity == .warning)
        do {
            _ = try Configuration.load(directory + "/format.yml").apply(to: Fixtures.pack)
            Issue.record("the schema check was disabled")
        } catch {
            #expect(error.diagnostics.first?.message.contains("part of the entry format") == true)
        }
    }
}

extension ConfigurationPlacementTests {
    /// A baseline keys paths from the atlas root: recorded through `$PWD/seeds`, it accepts the
    /// same finding reached as `./seeds` or `seeds`, and the file says `seeds/…`.
    @Test func baselinesKeyPathsFromTheRoot() throws {
        let here = FileManager.default.currentDirectoryPath
        func study(at path: String) -> StudyReport {
            var report = Fixtures.audit(Self.cohort, path: path)
            report.path = path
            return report
        }
        var baseline = Baseline()
        baseline.root = here
        baseline.record(study(at: here + "/seeds/x.yaml"))
        #expect(!baseline.counts.isEmpty)
        #expect(baseline.counts.keys.allSatisfy { $0.path == "seeds/x.yaml" })
        for path in ["./seeds/x.yaml", "seeds/x.yaml", here + "/seeds/../seeds/x.yaml"] {
            #expect(baseline.filter(study(at: path)).findings.isEmpty, "\(path)")
        }
        #expect(!baseline.filter(study(at: "other/x.yaml")).findings.isEmpty)
    }
}

@Suite("check --changed-since: the entries git says changed")
struct ChangedEntriesTests {
    private func git(_ arguments: [String], in folder: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "-c", "user.name=t", "-c", "user.email=t@example.org", "-c", "commit.gpgsign=false"] + arguments
        process.currentDirectoryURL = URL(fileURLWithPath: folder)
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "git \(arguments)")
    }

    @Test func modifiedAndNewEntriesAreChangedTheRestAreNot() throws {
        let directory = try Fixtures.directory([
            "entries/same.yaml": Array(Fixtures.minimalEntry.utf8), "entries/edited.yaml": Array(Fixtures.minimalEntry.utf8),
            "entries/gone.yaml": Array(Fixtures.minimalEntry.utf8),
        ])
        defer { Fixtures.remove(directory) }
        try git(["init", "-q"], in: directory)
        try git(["add", "."], in: directory)
        try git(["commit", "-q", "-m", "atlas"], in: directory)
        try Data("# edited\n".utf8).write(to: URL(fileURLWithPath: directory + "/entries/edited.yaml"))
        try Data(Fixtures.minimalEntry.utf8).write(to: URL(fileURLWithPath: directory + "/entries/new.yaml"))
        try FileManager.default.removeItem(atPath: directory + "/entries/gone.yaml")
        let changed = try ChangedEntries(since: "HEAD", in: directory + "/entries")
        #expect(changed.paths == [directory + "/entries/edited.yaml", directory + "/entries/new.yaml"])
        #expect(changed.contains(directory + "/entries/./new.yaml"))
        #expect(!changed.contains(directory + "/entries/same.yaml"))
        do {
            _ = try ChangedEntries(since: "no-such-ref", in: directory)
            Issue.record("an unknown ref was accepted")
        } catch {
            #expect(error.lines.first?.hasPrefix("error: --changed-since no-such-ref: ") == true)
        }
        #expect(throws: RunFailure.self) { try ChangedEntries(since: "--output=x", in: directory) }
    }
}
