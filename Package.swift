// swift-tools-version: 6.0
import PackageDescription

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
        .target(
            name: "FlagAudit",
            dependencies: [
                .product(name: "Yams", package: "Yams"),
                .product(name: "SwiftCSV", package: "SwiftCSV"),
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
            dependencies: ["FlagAudit"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
