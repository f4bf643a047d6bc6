// swift-tools-version: 6.0
// libFuzzer targets for FlagAudit. A package of their own, so the main build never links libFuzzer.
// Build:  swift build -c debug -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library
// Run:    .build/debug/FuzzEntryLoader -max_total_time=600 corpus/entries
import PackageDescription

let targets = ["FuzzEntryLoader", "FuzzRuleFile", "FuzzScreen", "FuzzClaims"]

let package = Package(
    name: "FlagAuditFuzz",
    dependencies: [.package(name: "FlagAudit", path: "..")],
    targets: targets.map { name in
        .executableTarget(name: name, dependencies: [.product(name: "FlagAudit", package: "FlagAudit")])
    }
)
