// swift-tools-version: 6.0
// libFuzzer targets for NetTriage's parsers (make fuzz; docs/limits.md). A package of its own so the
// main build never needs the sanitizers: every target here is built with
// `-sanitize=fuzzer,address` (and UBSan-like checks of Swift itself) by the Makefile.
import PackageDescription

let fuzzFlags: [SwiftSetting] = [.unsafeFlags(["-parse-as-library"])]

let package = Package(
  name: "NetTriageFuzz",
  dependencies: [.package(name: "NetTriage", path: "..")],
  targets: [
    // libFuzzer's driver and the input as text, shared by every target.
    .target(name: "FuzzDriver"),
    .executableTarget(
      name: "FuzzConditions",
      dependencies: ["FuzzDriver", .product(name: "TriageKit", package: "NetTriage")],
      swiftSettings: fuzzFlags),
    .executableTarget(
      name: "FuzzKnowledgeBase",
      dependencies: ["FuzzDriver", .product(name: "TriageKit", package: "NetTriage")],
      swiftSettings: fuzzFlags),
    .executableTarget(
      name: "FuzzAnswerFile",
      dependencies: ["FuzzDriver", .product(name: "TriageKit", package: "NetTriage")],
      swiftSettings: fuzzFlags),
    .executableTarget(
      name: "FuzzImporters",
      dependencies: [
        "FuzzDriver", .product(name: "TriageKit", package: "NetTriage"),
        .product(name: "TriageEvidence", package: "NetTriage"),
      ],
      swiftSettings: fuzzFlags),
  ]
)
