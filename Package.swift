// swift-tools-version: 6.0
import PackageDescription

// The library is split into layers, each a target that may import only the layers below it, so
// the compiler enforces the direction load → analyse → evaluate → report (docs/architecture.md):
//
//   FlagAuditModel       study, vocabulary, finding, diagnostic, evidence, locations, hashing
//   FlagAuditLearning    linear models and their trainer                        (Model)
//   FlagAuditLoading     YAML preflight and composition, entries, vocabulary    (Model)
//   FlagAuditText        tokens, sentences, negation, claims, signals, lexicon  (Loading, Learning)
//   FlagAuditEngine      rules, conditions, rule packs, the auditor             (Text)
//   FlagAuditEvaluation  metrics over labelled corpora                          (Text)
//   FlagAuditScreening   raw texts and atlas pages, draft entries               (Engine)
//   FlagAuditReporting   CI formats and the reviewers' quality reports          (Engine, Screening)
//   FlagAuditWorkflow    configuration, baselines, fixes, the audit run         (Reporting)
//   FlagAudit            the umbrella product, re-exporting every layer
let package = Package(
    name: "FlagAudit",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "FlagAudit", targets: ["FlagAudit"]),
        .executable(name: "flagaudit", targets: ["flagaudit"]),
    ],
    dependencies: [
        // Yams brings libyaml (its C module `CYaml`, which `YAMLComposer` reads events from).
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.0.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.5.0"),
        .package(url: "https://github.com/swiftcsv/SwiftCSV.git", from: "0.10.0"),
    ],
    targets: [
        .target(name: "FlagAuditModel"),
        .target(name: "FlagAuditLearning", dependencies: ["FlagAuditModel"]),
        .target(name: "FlagAuditLoading", dependencies: ["FlagAuditModel", .product(name: "Yams", package: "Yams")]),
        .target(name: "FlagAuditText", dependencies: ["FlagAuditLoading", "FlagAuditLearning"]),
        .target(name: "FlagAuditEngine", dependencies: ["FlagAuditText"]),
        .target(
            name: "FlagAuditEvaluation",
            dependencies: ["FlagAuditText", .product(name: "SwiftCSV", package: "SwiftCSV")]
        ),
        .target(name: "FlagAuditScreening", dependencies: ["FlagAuditEngine"]),
        .target(name: "FlagAuditReporting", dependencies: ["FlagAuditScreening"]),
        .target(name: "FlagAuditWorkflow", dependencies: ["FlagAuditReporting"]),
        .target(
            name: "FlagAudit",
            dependencies: [
                "FlagAuditModel", "FlagAuditLearning", "FlagAuditLoading", "FlagAuditText", "FlagAuditEngine",
                "FlagAuditEvaluation", "FlagAuditScreening", "FlagAuditReporting", "FlagAuditWorkflow",
            ]
        ),
        .executableTarget(
            name: "flagaudit",
            dependencies: [
                "FlagAudit",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "FlagAuditTests",
            dependencies: [
                "FlagAudit", "FlagAuditModel", "FlagAuditLearning", "FlagAuditLoading", "FlagAuditText", "FlagAuditEngine",
                "FlagAuditEvaluation", "FlagAuditScreening", "FlagAuditReporting", "FlagAuditWorkflow",
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
