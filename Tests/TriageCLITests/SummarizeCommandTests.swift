import Foundation
import Testing

@Suite("Summarize reports")
struct SummarizeCommandTests {
  /// Writes a report for `bundle` (a Windows fixture) named `name`.json in `folder`.
  static func report(_ bundle: String, to folder: URL, name: String) throws {
    let path = folder.appendingPathComponent("\(name).json").path
    let run = try BinaryRun.run(
      [
        "run", "--evidence",
        CollectCommandTests.windowsBundles.appendingPathComponent(bundle).path, "--json", path,
      ], timeout: 60)
    #expect([0, 1].contains(run.status), "\(run.standardError)")
  }

  @Test func groupsStationsByCauseAndGatewayInEveryFormat() throws {
    let temp = try TemporaryDirectory()
    try Self.report("port-exhaustion", to: temp.url, name: "one")
    try Self.report("port-exhaustion", to: temp.url, name: "two")
    try Self.report("healthy-real", to: temp.url, name: "three")
    try Data(#"{"schema": "nettriage.bundle/1"}"#.utf8).write(
      to: temp.url.appendingPathComponent("manifest.json"))

    let json = try BinaryRun.run(["summarize", temp.url.path, "--format", "json"])
    #expect(json.status == 0, "\(json.standardError)")
    let summary = try CollectCommandTests.json(json.standardOutput)
    let stations = summary["stations"] as? [[String: Any]] ?? []
    #expect(stations.count == 3)
    // Both port-exhaustion reports name the same station (the bundle's host).
    #expect(stations.filter { $0["station"] as? String == "WIN7-STATION" }.count == 2)
    let groups = summary["groups"] as? [[String: Any]] ?? []
    #expect(groups.count == 1)
    #expect(groups.first?["gateway"] as? String == "192.168.22.1")
    #expect(groups.first?["cause"] as? String == "ephemeral-port-exhaustion")

    let markdown = try BinaryRun.run(["summarize", temp.url.path])
    #expect(markdown.standardOutput.contains("| WIN7-STATION | branch-7 | diagnosed |"))
    #expect(markdown.standardOutput.contains("- 2 stations behind 192.168.22.1:"))

    let csv = try BinaryRun.run(["summarize", temp.url.path, "--format", "csv"])
    #expect(csv.standardOutput.components(separatedBy: "\r\n").filter { !$0.isEmpty }.count == 4)
  }

  @Test func aFileThatIsNotAReportIsNamedAndLeftOut() throws {
    let temp = try TemporaryDirectory()
    try Self.report("healthy-real", to: temp.url, name: "good")
    let bad = temp.url.appendingPathComponent("bad.json")
    try Data("{ not json".utf8).write(to: bad)
    let run = try BinaryRun.run([
      "summarize", temp.url.appendingPathComponent("good.json").path, bad.path,
    ])
    #expect(run.status == 0)
    #expect(run.standardError.contains("warning: \(bad.path): not a 'nettriage.report/1' report"))
    #expect(run.standardOutput.contains("## Not read"))
  }

  @Test func nothingReadableExits65AndAMissingPath66() throws {
    let temp = try TemporaryDirectory()
    #expect(try BinaryRun.run(["summarize", temp.url.path]).status == 65)
    #expect(
      try BinaryRun.run(["summarize", temp.url.appendingPathComponent("no").path]).status == 66)
  }
}
