import Foundation
import Testing

/// Issue 16's "done when": `nettriage collect` then `nettriage run --evidence BUNDLE` on this
/// machine lists every collected file in the report's evidence; a Windows bundle triages to the
/// right cause; bundles are read wherever evidence goes.
@Suite("Collect and triage bundles")
struct CollectCommandTests {
  static let windowsBundles = Repository.root.appendingPathComponent(
    "Tests/TriageEvidenceTests/Fixtures/bundle-windows")

  static func json(_ text: String) throws -> [String: Any] {
    try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
  }

  static func evidenceLabels(_ report: [String: Any]) -> [String] {
    (report["evidence"] as? [[String: Any]] ?? []).compactMap { $0["label"] as? String }
  }

  static func manifestFiles(_ bundle: URL) throws -> [String] {
    let manifest = try json(
      String(contentsOf: bundle.appendingPathComponent("manifest.json"), encoding: .utf8))
    return (manifest["files"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
  }

  @Test func collectThenRunListsEveryCollectedFile() throws {
    let temp = try TemporaryDirectory()
    let bundle = temp.url.appendingPathComponent("station")
    let collect = try BinaryRun.run(
      [
        "collect", "--out", bundle.path, "--target", "localhost:445", "--label", "lab", "--timeout",
        "5",
      ],
      timeout: 120)
    #expect(collect.status == 0, "\(collect.standardError)")
    #expect(collect.standardOutput == bundle.path + "\n")
    #expect(collect.standardError.contains("[1/5] census … "))
    let files = try Self.manifestFiles(bundle)
    #expect(files.contains("census.json"))
    let run = try BinaryRun.run(["run", "--evidence", bundle.path, "--json", "-"], timeout: 60)
    #expect([0, 1].contains(run.status), "\(run.standardError)")
    let report = try Self.json(run.standardOutput)
    let labels = Self.evidenceLabels(report)
    #expect(labels.first == "station/manifest.json")
    for file in files { #expect(labels.contains("station/\(file)"), "\(file)") }
    let facts = report["facts"] as? [String: [String: Any]] ?? [:]
    #expect(facts["station.label"]?["value"] as? String == "lab")
    #expect(
      facts["station.host"]?["value"] as? String == ProcessInfo.processInfo.hostName
        || facts["station.host"] != nil)
  }

  @Test func anArchiveIsReadLikeTheFolder() throws {
    let temp = try TemporaryDirectory()
    let bundle = temp.url.appendingPathComponent("packed")
    let collect = try BinaryRun.run(
      ["collect", "--out", bundle.path, "--archive", "--timeout", "5"], timeout: 120)
    #expect(collect.status == 0, "\(collect.standardError)")
    let archive = bundle.path + ".tar.gz"
    #expect(FileManager.default.fileExists(atPath: archive))
    #expect(!FileManager.default.fileExists(atPath: bundle.path))
    let run = try BinaryRun.run(["run", "--evidence", archive, "--json", "-"], timeout: 60)
    #expect([0, 1].contains(run.status), "\(run.standardError)")
    #expect(Self.evidenceLabels(try Self.json(run.standardOutput)).contains("packed/census.json"))
  }

  @Test func aSecondCollectIntoTheSameFolderNeedsForce() throws {
    let temp = try TemporaryDirectory()
    let bundle = temp.url.appendingPathComponent("b").path
    #expect(
      try BinaryRun.run(["collect", "--out", bundle, "--timeout", "5"], timeout: 120).status == 0)
    let again = try BinaryRun.run(["collect", "--out", bundle, "--timeout", "5"], timeout: 120)
    #expect(again.status == 73)
    #expect(
      try BinaryRun.run(["collect", "--out", bundle, "--timeout", "5", "--force"], timeout: 120)
        .status == 0)
  }

  @Test func aFanoutNeedsABudget() throws {
    let run = try BinaryRun.run(["collect", "--fanout", "targets.txt"])
    #expect(run.status == 64)
    #expect(run.standardError.contains("--fanout needs a budget"))
  }

  @Test func theWindowsPortExhaustionBundleTriagesToPortExhaustion() throws {
    let bundle = Self.windowsBundles.appendingPathComponent("port-exhaustion")
    let run = try BinaryRun.run(["run", "--evidence", bundle.path, "--json", "-"], timeout: 60)
    #expect(run.status == 0, "\(run.standardError)")
    let report = try Self.json(run.standardOutput)
    let ranked = (report["conclusions"] as? [[String: Any]] ?? []).compactMap {
      $0["id"] as? String
    }
    #expect(ranked.first == "ephemeral-port-exhaustion")
    let labels = Self.evidenceLabels(report)
    for file in try Self.manifestFiles(bundle) {
      #expect(labels.contains("port-exhaustion/\(file)"), "\(file)")
    }
  }

  @Test func anAnswerFileMayNameABundle() throws {
    let temp = try TemporaryDirectory()
    let answers = temp.url.appendingPathComponent("answers.yaml")
    let bundle = Self.windowsBundles.appendingPathComponent("port-exhaustion").path
    try Data(
      """
      nettriage: answers/1
      missing: unknown
      evidence:
        - \(bundle)
      answers: {}

      """.utf8
    ).write(to: answers)
    let run = try BinaryRun.run(["run", "--answers", answers.path, "--json", "-"], timeout: 60)
    #expect(run.status == 0, "\(run.standardError)")
    let report = try Self.json(run.standardOutput)
    #expect(Self.evidenceLabels(report).contains("port-exhaustion/events-tcpip.txt"))
  }

  @Test func anAnswerFileReadsTheKindsOnlyBundlesHold() throws {
    let temp = try TemporaryDirectory()
    let answers = temp.url.appendingPathComponent("answers.yaml")
    let range = Self.windowsBundles.appendingPathComponent("port-exhaustion/dynamicport-tcp.txt")
    try Data(
      """
      nettriage: answers/1
      missing: unknown
      evidence:
        - { file: \(range.path), kind: dynamicport }
      answers: {}

      """.utf8
    ).write(to: answers)
    let run = try BinaryRun.run(["run", "--answers", answers.path, "--json", "-"], timeout: 60)
    #expect([0, 1].contains(run.status), "\(run.standardError)")
    let report = try Self.json(run.standardOutput)
    let facts = report["facts"] as? [String: [String: Any]] ?? [:]
    #expect(facts["limits.port-range-size"]?["value"] as? Int == 16384)
  }

  @Test func aBrokenFileIsNamedAndTheRestRead() throws {
    let temp = try TemporaryDirectory()
    let bundle = temp.url.appendingPathComponent("broken")
    try FileManager.default.copyItem(
      at: Self.windowsBundles.appendingPathComponent("healthy-real"), to: bundle)
    try Data("not a netstat at all\n".utf8).write(
      to: bundle.appendingPathComponent("netstat-ano.txt"))
    let run = try BinaryRun.run(["run", "--evidence", bundle.path, "--json", "-"], timeout: 60)
    #expect([0, 1].contains(run.status), "\(run.standardError)")
    #expect(run.standardError.contains("warning: broken/netstat-ano.txt:"))
    let labels = Self.evidenceLabels(try Self.json(run.standardOutput))
    #expect(!labels.contains("broken/netstat-ano.txt"))
    #expect(labels.contains("broken/ipconfig-all.txt"))
  }

  @Test func theREPLLoadsABundle() throws {
    let bundle = Self.windowsBundles.appendingPathComponent("port-exhaustion").path
    let home = try TemporaryDirectory()
    let run = try BinaryRun.run(
      ["start"], input: ".load \(bundle)\n.quit\n",
      environment: ["HOME": home.url.path, "XDG_STATE_HOME": home.url.path], timeout: 60)
    #expect(
      run.standardOutput.contains("from port-exhaustion/netstat-ano.txt"), "\(run.standardOutput)")
    #expect(run.standardOutput.contains("from port-exhaustion/manifest.json"))
  }
}
