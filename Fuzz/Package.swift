// swift-tools-version: 6.0
// libFuzzer targets for FlagAudit. A package of their own, so the main build never links libFuzzer.
// Build:  swift build -c debug -Xswiftc -sanitize=fuzzer,address
// Run:    ./run 600   (each target 600 s; see docs/performance.md)
import PackageDescription

let targets = ["FuzzEntryLoader", "FuzzRuleFile", "FuzzScreen", "FuzzClaims", "FuzzFixer", "FuzzIngest"]

let package = Package(
    name: "FlagAuditFuzz",
    dependencies: [.package(name: "FlagAudit", path: "..")],
    targets: [
        .target(name: "FuzzSupport", dependencies: [.product(name: "FlagAudit", package: "FlagAudit")]),
    ] + targets.map { name in
        .executableTarget(name: name, dependencies: ["FuzzSupport", .product(name: "FlagAudit", package: "FlagAudit")])
    }
)
