// swift-tools-version: 6.0
import PackageDescription

// The library is split into layers, each a target that may import only the layers below it, so
// the compiler enforces the direction load → analyse → evaluate → report (docs/architecture.md):
//
//   FlagAuditModel       study, vocabulary, finding, diagnostic, evidence, locations, hashing
//   FlagAuditLearning    linear models and their trainer                        (Model)
//   FlagAuditTransformer a fine-tuned BERT-style classifier and its tokenizer   (Model)
//   FlagAuditLoading     YAML preflight and composition, entries, vocabulary    (Model)
//   FlagAuditText        tokens, sentences, negation, claims, signals, lexicon  (Loading, Learning, Transformer)
//   FlagAuditEngine      rules, conditions, rule packs, the auditor             (Text)
//   FlagAuditEvaluation  metrics over labelled corpora                          (Screening)
//   FlagAuditIngest      PDF, DOCX, HTML and plain text as one located text     (Loading)
//   FlagAuditScreening   raw texts and atlas pages, draft entries               (Engine, Ingest)
//   FlagAuditReporting   CI formats and the reviewers' quality reports          (Engine, Screening)
//   FlagAuditWorkflow    configuration, baselines, fixes, the audit run         (Reporting)
//   FlagAuditServing     `flagaudit serve`: the editors' desk and its JSON API  (Workflow)
//   FlagAudit            the umbrella product, re-exporting every layer but Serving
// Release builds optimise across the layers (inlining and specialising generics from one target
// into another), so splitting the library costs no speed: without it, `check` of the 10,000-entry
// bench atlas took about 20% more CPU than the single target did (paired runs, docs/performance.md).
let layer: [SwiftSetting] = [.unsafeFlags(["-cross-module-optimization"], .when(configuration: .release))]

let package = Package(
    name: "FlagAudit",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "FlagAudit", targets: ["FlagAudit"]),
        // The desk is a product of its own, so a client of the library (the fuzz targets, say)
        // does not build a web server with it.
        .library(name: "FlagAuditServing", targets: ["FlagAuditServing"]),
        .executable(name: "flagaudit", targets: ["flagaudit"]),
    ],
    dependencies: [
        // Yams brings libyaml (its C module `CYaml`, which `YAMLComposer` reads events from).
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.0.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.5.0"),
        .package(url: "https://github.com/swiftcsv/SwiftCSV.git", from: "0.10.0"),
        // The editors' desk is a Hummingbird app whose uploads arrive as multipart forms (Serving).
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/vapor/multipart-kit.git", from: "4.7.1"),
        // The desk's screening runs on NIO's pool of blocking threads, off the cooperative pool.
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.80.0"),
    ],
    targets: [
        .target(name: "FlagAuditModel", swiftSettings: layer),
        .target(name: "FlagAuditLearning", dependencies: ["FlagAuditModel"], swiftSettings: layer),
        // Optimised in debug builds too: unoptimised, a sentence through six encoder layers takes
        // seconds, and the parity tests run dozens of them.
        .target(
            name: "FlagAuditTransformer", dependencies: ["FlagAuditModel"],
            swiftSettings: layer + [.unsafeFlags(["-O"], .when(configuration: .debug))]
        ),
        .target(name: "FlagAuditLoading", dependencies: ["FlagAuditModel", .product(name: "Yams", package: "Yams")], swiftSettings: layer),
        .target(name: "FlagAuditText", dependencies: ["FlagAuditLoading", "FlagAuditLearning", "FlagAuditTransformer"], swiftSettings: layer),
        .target(name: "FlagAuditEngine", dependencies: ["FlagAuditText"], swiftSettings: layer),
        .target(
            name: "FlagAuditEvaluation",
            dependencies: ["FlagAuditScreening", .product(name: "SwiftCSV", package: "SwiftCSV")],
            swiftSettings: layer
        ),
        // zlib, for the DOCX reader's bounded inflation (the system's: Debian's zlib1g-dev).
        .systemLibrary(name: "CFlagAuditZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"]), .brew(["zlib"])]),
        .target(
            name: "FlagAuditIngest",
            dependencies: ["FlagAuditLoading", "CFlagAuditZlib"],
            swiftSettings: layer
        ),
        .target(name: "FlagAuditScreening", dependencies: ["FlagAuditEngine", "FlagAuditIngest"], swiftSettings: layer),
        .target(name: "FlagAuditReporting", dependencies: ["FlagAuditScreening"], swiftSettings: layer),
        .target(name: "FlagAuditWorkflow", dependencies: ["FlagAuditReporting"], swiftSettings: layer),
        .target(
            name: "FlagAuditServing",
            dependencies: [
                "FlagAuditWorkflow", .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "MultipartKit", package: "multipart-kit"),
                .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOPosix", package: "swift-nio"),
            ],
            swiftSettings: layer
        ),
        .target(
            name: "FlagAudit",
            dependencies: [
                "FlagAuditModel", "FlagAuditLearning", "FlagAuditTransformer", "FlagAuditLoading", "FlagAuditText",
                "FlagAuditEngine", "FlagAuditEvaluation", "FlagAuditIngest", "FlagAuditScreening", "FlagAuditReporting",
                "FlagAuditWorkflow",
            ]
        ),
        .executableTarget(
            name: "flagaudit",
            dependencies: [
                "FlagAudit", "FlagAuditServing",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "FlagAuditTests",
            dependencies: [
                "FlagAudit", "FlagAuditModel", "FlagAuditLearning", "FlagAuditTransformer", "FlagAuditLoading", "FlagAuditText", "FlagAuditEngine",
                "FlagAuditEvaluation", "FlagAuditIngest", "FlagAuditScreening", "FlagAuditReporting", "FlagAuditWorkflow",
                "FlagAuditServing",
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
