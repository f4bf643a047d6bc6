import Foundation
import FlagAudit
@testable import FlagAuditModel
@testable import FlagAuditLearning
@testable import FlagAuditTransformer
@testable import FlagAuditLoading
@testable import FlagAuditText
@testable import FlagAuditEngine
@testable import FlagAuditEvaluation
@testable import FlagAuditScreening
@testable import FlagAuditReporting
@testable import FlagAuditWorkflow

/// The repository's own rule pack and seeds, found from this file's path so tests run from any directory.
enum Fixtures {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
    static let rulesDirectory = root + "/rules"
    static let seedsDirectory = root + "/seeds"

    static let pack: RulePack = {
        do { return try RulePackLoader().load(directory: rulesDirectory) } catch { fatalError("default pack: \(error)") }
    }()

    static var auditor: Auditor { Auditor(pack: pack) }

    static func load(_ yaml: String, path: String = "entry.yaml") -> LoadedStudy {
        StudyLoader(vocabulary: pack.vocabulary).load(path: path, bytes: Array(yaml.utf8))
    }

    static func audit(_ yaml: String, path: String = "entry.yaml") -> StudyReport {
        auditor.audit(load(yaml, path: path))
    }

    /// A fresh directory holding the given files; removed by the caller with `remove`.
    static func directory(_ files: [String: [UInt8]]) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("flagaudit-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        for (name, bytes) in files {
            let file = path + "/" + name
            try FileManager.default.createDirectory(
                atPath: (file as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try Data(bytes).write(to: URL(fileURLWithPath: file))
        }
        return path
    }

    static func remove(_ path: String) { try? FileManager.default.removeItem(atPath: path) }

    static let minimalEntry = """
        id: minimal-2024
        title: A minimal entry
        design: cohort
        population: [long-covid]
        sample_size: 120

        """
}
