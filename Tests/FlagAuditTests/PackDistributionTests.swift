import Foundation
import Testing
import FlagAudit
@testable import FlagAuditModel
@testable import FlagAuditLoading
@testable import FlagAuditEngine
@testable import FlagAuditReporting
@testable import FlagAuditWorkflow

/// The pack a release binary carries: stored after the executable's bytes, read back file by
/// file, used when no `--rules` is given; and the versions every output names.
@Suite("The built-in rule pack and versions")
struct PackDistributionTests {
    /// A file standing for a binary: some bytes, then whatever is appended.
    private func binary(_ prefix: [UInt8] = Array("\u{7F}ELF not really a program".utf8), appending: [UInt8]) throws -> (directory: String, path: String) {
        let directory = try Fixtures.directory(["flagaudit": prefix + appending])
        return (directory, directory + "/flagaudit")
    }

    @Test func anArchiveReadsBackEveryFileAfterTheBinarysBytes() throws {
        let files: [(name: String, bytes: [UInt8])] = [("b.yaml", Array("rules: []\n".utf8)), ("models/m.bin", [0, 1, 2, 255]), ("a.yaml", [])]
        let (directory, path) = try binary(appending: PackArchive.serialize(files))
        defer { Fixtures.remove(directory) }
        let archive = try #require(try PackArchive(endOf: path))
        #expect(archive.names == ["a.yaml", "b.yaml", "models/m.bin"])
        for file in files { #expect(try archive.read(file.name) == file.bytes) }
        #expect(try archive.read("c.yaml") == nil)
        #expect(PackSource.archive(archive).topLevelNames() == ["a.yaml", "b.yaml"])
    }

    @Test func aFileWithoutAnArchiveHasNone() throws {
        let (directory, path) = try binary(appending: [])
        defer { Fixtures.remove(directory) }
        #expect(try PackArchive(endOf: path) == nil)
    }

    /// A damaged archive (cut short, an index that lies) is a located error, never a crash or a
    /// read past the file.
    @Test(arguments: [8, 30, 40])
    func aDamagedArchiveIsALocatedError(cut: Int) throws {
        var bytes = PackArchive.serialize([("a.yaml", Array(repeating: 0x61, count: 40)), ("b.yaml", [0x62])])
        // Keep the trailer, lose `cut` bytes of the files part: the index no longer fits.
        bytes.removeSubrange(10..<(10 + cut))
        let (directory, path) = try binary([], appending: bytes)
        defer { Fixtures.remove(directory) }
        do {
            _ = try PackArchive(endOf: path)
            Issue.record("a damaged archive was read")
        } catch {
            #expect(error.diagnostics.first?.location.path == path)
            #expect(error.diagnostics.first?.message.contains("damaged") == true)
        }
    }

    /// The release path: the repository's pack appended to a binary loads as the folder does,
    /// and its files are named as built in.
    @Test func theEmbeddedPackLoadsAsTheFolderDoes() throws {
        let (directory, path) = try binary(appending: [])
        defer { Fixtures.remove(directory) }
        try BuiltinPack.embed(.directory(Fixtures.rulesDirectory), into: path)
        let source = try BuiltinPack.source(executable: path, checkout: "/nonexistent")
        guard case .archive = source else { Issue.record("the appended pack was not found"); return }
        let embedded = try RulePackLoader().load(source)
        #expect(embedded.rules.map(\.id) == Fixtures.pack.rules.map(\.id))
        #expect(embedded.identity.version == Fixtures.pack.identity.version)
        #expect(embedded.identity.origin == "built in")
        #expect(embedded.claimModelFingerprint == Fixtures.pack.claimModelFingerprint)
        #expect(embedded.rules.first?.location.path.hasPrefix("(built-in)/") == true)
        // Appending twice would leave two packs: refused.
        #expect(throws: DiagnosticError.self) { try BuiltinPack.embed(.directory(Fixtures.rulesDirectory), into: path) }
        // The transformer is read from the archive too.
        let transformer = try RulePackLoader(claimModel: .transformer).load(source).claimTransformer
        #expect(transformer?.fingerprint == (try RulePackLoader().transformerFingerprint(in: .directory(Fixtures.rulesDirectory))))
    }

    @Test func withoutAnEmbeddedPackTheCheckoutsFolderServesAndElseTheErrorSaysWhatToDo() throws {
        let (directory, path) = try binary(appending: [])
        defer { Fixtures.remove(directory) }
        #expect(try BuiltinPack.source(executable: path, checkout: Fixtures.rulesDirectory) == .directory(PathText.shown(Fixtures.rulesDirectory)))
        do {
            _ = try BuiltinPack.source(executable: path, checkout: directory + "/gone")
            Issue.record("a binary with no pack found one")
        } catch {
            #expect(error.diagnostics.first?.message.contains("pass --rules DIR") == true)
        }
    }

    @Test func exportWritesThePackOutAndNeverIntoAFolderInUse() throws {
        let (directory, path) = try binary(appending: [])
        defer { Fixtures.remove(directory) }
        try BuiltinPack.embed(.directory(Fixtures.rulesDirectory), into: path)
        let source = try BuiltinPack.source(executable: path, checkout: "/nonexistent")
        let out = directory + "/exported"
        let count = try BuiltinPack.export(source, to: out)
        #expect(count == PackSource.directory(Fixtures.rulesDirectory).allNames().count)
        for name in PackSource.directory(Fixtures.rulesDirectory).allNames() {
            #expect(FileManager.default.contentsEqual(atPath: out + "/" + name, andPath: Fixtures.rulesDirectory + "/" + name), "\(name)")
        }
        #expect(try RulePackLoader().load(directory: out).rules.count == Fixtures.pack.rules.count)
        #expect(throws: FileError.self) { try BuiltinPack.export(source, to: out) }
    }

    @Test func thePackVersionIsCheckedAndNamedInEveryMachineFormat() throws {
        let directory = try Fixtures.directory([:])
        defer { Fixtures.remove(directory) }
        try FileManager.default.copyItem(atPath: Fixtures.rulesDirectory, toPath: directory + "/rules")
        try Data("name: my-atlas\nversion: 2.1\n".utf8).write(to: URL(fileURLWithPath: directory + "/rules/pack.yaml"))
        do {
            _ = try RulePackLoader().load(directory: directory + "/rules")
            Issue.record("a version that is not MAJOR.MINOR.PATCH was accepted")
        } catch {
            #expect(error.diagnostics.map(\.description) == ["\(directory)/rules/pack.yaml:2:10: error: a pack version is MAJOR.MINOR.PATCH, as 1.4.0 (got '2.1')"])
        }
        let pack = Fixtures.pack
        let report = AuditReport(studies: [Fixtures.audit(Fixtures.minimalEntry)])
        let provenance = Provenance(pack: pack)
        let version = try #require(pack.identity.version)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(JSONReporter(provenance: provenance).render(report).utf8)) as? [String: Any])
        let tool = try #require(json["tool"] as? [String: Any])
        #expect(tool["version"] as? String == ToolVersion.current)
        #expect((tool["rule_pack"] as? [String: Any])?["version"] as? String == version)
        #expect(tool["claim_model"] as? String == pack.claimModelName)
        let sarif = try #require(try JSONSerialization.jsonObject(with: Data(SARIFReporter(rules: RuleDescriptor.catalog(of: pack), provenance: provenance).render(report).utf8)) as? [String: Any])
        let sarifTool = try #require(((sarif["runs"] as? [[String: Any]])?.first?["tool"]) as? [String: Any])
        #expect((sarifTool["driver"] as? [String: Any])?["semanticVersion"] as? String == ToolVersion.current)
        #expect(((sarifTool["extensions"] as? [[String: Any]])?.first?["version"]) as? String == version)
        let junit = JUnitReporter(threshold: .error, provenance: provenance).render(report)
        #expect(junit.contains("<property name=\"flagaudit.rule_pack\" value=\"\(pack.identity.name) \(version)\"/>"))
    }
}

extension PackDistributionTests {
    /// A pack that says where its rule reference is published gets SARIF help links to each
    /// rule's section; one that names no https URL is refused.
    @Test func aPublishedRuleReferenceBecomesEachRulesHelpUri() throws {
        var pack = Fixtures.pack
        pack.identity.documentation = "https://example.org/flagaudit/rule-reference.md"
        let sarif = SARIFReporter(rules: RuleDescriptor.catalog(of: pack), provenance: Provenance(pack: pack)).render(AuditReport(studies: []))
        #expect(sarif.contains("\"helpUri\": \"https://example.org/flagaudit/rule-reference.md#causal-language-correlational\""))
        #expect(!SARIFReporter(rules: RuleDescriptor.catalog(of: Fixtures.pack)).render(AuditReport(studies: [])).contains("helpUri"))
        let markdown = RuleReference.markdown(RuleDescriptor.catalog(of: pack), pack: pack.identity)
        #expect(markdown.contains("\n## causal-language-correlational\n"))
        let directory = try Fixtures.directory([:])
        defer { Fixtures.remove(directory) }
        try FileManager.default.copyItem(atPath: Fixtures.rulesDirectory, toPath: directory + "/rules")
        try Data("name: p\nversion: 1.0.0\ndocumentation: http://example.org/x\n".utf8).write(to: URL(fileURLWithPath: directory + "/rules/pack.yaml"))
        #expect(throws: DiagnosticError.self) { try RulePackLoader().load(directory: directory + "/rules") }
    }
}
