// swift-tools-version: 6.0
import PackageDescription

let package = Package(
  name: "NetTriage",
  platforms: [.macOS(.v13)],
  products: [
    .executable(name: "nettriage", targets: ["nettriage"]),
    .library(name: "TriageKit", targets: ["TriageKit"]),
    // For the fuzz targets (Fuzz/Package.swift), which live in a package of their own.
    .library(name: "TriageEvidence", targets: ["TriageEvidence"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
  ],
  targets: [
    // The engine: knowledge-base model, loader and linter, sessions, answer files, journal, reports.
    // No terminal, no sockets.
    .target(
      name: "TriageKit",
      dependencies: [.product(name: "Yams", package: "Yams")]
    ),
    // The default knowledge base (KnowledgeBase/*.yaml), compiled into the binary by a build-tool
    // plugin so a copied executable carries it.
    // It is loaded and linted at build time (an error fails the build) and compiled into its model,
    // so the binary starts without parsing YAML.
    .target(
      name: "EmbeddedKnowledgeBase",
      dependencies: ["TriageKit"],
      plugins: ["EmbedKnowledgeBasePlugin"]
    ),
    .executableTarget(name: "KnowledgeBaseEmbedder", dependencies: ["TriageKit"]),
    .plugin(
      name: "EmbedKnowledgeBasePlugin",
      capability: .buildTool(),
      dependencies: ["KnowledgeBaseEmbedder"]
    ),
    .systemLibrary(
      name: "CEditLine",
      pkgConfig: "libedit",
      providers: [.apt(["libedit-dev"]), .brew(["libedit"])]
    ),
    .target(name: "LineEditing", dependencies: ["CEditLine"]),
    // The kernel's netlink sock_diag declarations (header only), so the census uses the layouts of
    // <linux/inet_diag.h> itself; empty elsewhere.
    .systemLibrary(name: "CNetlink"),
    // One importer per file: the text of a command's output or a log, read into typed facts.
    .target(name: "TriageEvidence", dependencies: ["TriageKit"]),
    // One probe per file: live observations on this machine, with timeouts and a connection budget.
    .target(name: "TriageProbes", dependencies: ["TriageKit", "CNetlink"]),
    .target(
      name: "TriageCLI",
      dependencies: [
        "TriageKit",
        "LineEditing",
        "TriageEvidence",
        "TriageProbes",
        "EmbeddedKnowledgeBase",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),
    .executableTarget(name: "nettriage", dependencies: ["TriageCLI"]),
    .testTarget(
      name: "TriageKitTests",
      dependencies: ["TriageKit", "EmbeddedKnowledgeBase"],
      exclude: ["Snapshots"]
    ),
    .testTarget(name: "LineEditingTests", dependencies: ["LineEditing"]),
    .testTarget(
      name: "TriageEvidenceTests",
      dependencies: ["TriageEvidence"],
      exclude: ["Fixtures"]
    ),
    .testTarget(
      name: "TriageProbesTests",
      dependencies: ["TriageProbes"],
      exclude: ["Fixtures"]
    ),
    .testTarget(
      name: "TriageCLITests",
      dependencies: ["TriageCLI", "nettriage"],
      exclude: ["Fixtures", "Snapshots"]
    ),
  ],
  swiftLanguageModes: [.v6]
)
