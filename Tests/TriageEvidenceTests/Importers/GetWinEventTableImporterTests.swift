import Testing
import TriageKit

@testable import TriageEvidence

@Suite struct GetWinEventTableImporterTests {
  typealias Checks = ImporterChecks

  @Test(arguments: GetWinEventTableImporter.examples.indices)
  func examplesGiveTheirFacts(index: Int) throws {
    let example = GetWinEventTableImporter.examples[index]
    let text = try EvidenceText(example.input)
    let evidence = try GetWinEventTableImporter.read(text)
    #expect(Checks.hasFacts(evidence, example.facts), "\(example.name): \(evidence.facts)")
    #expect(EvidenceImporters.detect(text)?.importer == GetWinEventTableImporter.self)
  }

  @Test func rowsTakeTheGroupsProvider() throws {
    let evidence = try GetWinEventTableImporter.read(
      try EvidenceText(GetWinEventTableImporter.examples[1].input))
    let events = try #require(evidence.json["events"]?.arrayValue)
    #expect(events.map { $0["source"] } == ["Tcpip", "Tcpip", "Service Control Manager"])
    #expect(events.map { $0["level"] } == ["Warning", "Error", "Information"])
    #expect(events[0]["time"] == "2016-12-20T08:12:41")
    #expect(
      evidence.figures == [
        "1 × Tcpip 4227 (local endpoint reused too soon, TIME_WAIT), 2016-12-20 08:12",
        "1 × Tcpip 4231 (ephemeral ports exhausted), 2016-12-20 08:12",
        "3 events in all, 2016-12-20 08:10–08:12",
      ])
  }

  @Test func wrappedMessageIsJoined() throws {
    let evidence = try GetWinEventTableImporter.read(
      try EvidenceText(GetWinEventTableImporter.examples[2].input))
    let event = try #require(evidence.json["events"]?.arrayValue?.first)
    #expect(
      event["message"]
        == "The client 192.168.100.115 exceeded its connection\nlimit. The new connection was rejected."
    )
  }

  /// The table of the PowerShell documentation's Example 11.
  @Test func realTableFromTheDocumentation() throws {
    let text = try Checks.text("get-winevent-table/windows-powershell-evtx.txt")
    let evidence = try GetWinEventTableImporter.read(text)
    let events = try #require(evidence.json["events"]?.arrayValue)
    #expect(events.map { $0["id"] } == [403, 400, 600, 600, 600])
    #expect(events.allSatisfy { $0["source"] == "PowerShell" && $0["level"] == "Information" })
    #expect(events[2]["message"] == "Provider \"Variable\" is Started...")
    #expect(evidence.figures == ["5 events in all, 2019-03-15 13:54"])
    #expect(EvidenceImporters.detect(text)?.importer == GetWinEventTableImporter.self)
  }

  @Test func rowWithoutAnIDNamesItsLine() {
    let error = Checks.error(
      GetWinEventTableImporter.self,
      "TimeCreated   Id LevelDisplayName Message\n-----------   -- ---------------- -------\n3/1/2024 10:47:02 AM  Warning no id here\n"
    )
    #expect(error?.line == 3)
  }

  @Test func rowAfterTheTableEndedNamesItsLine() {
    let error = Checks.error(
      GetWinEventTableImporter.self,
      "TimeCreated   Id LevelDisplayName Message\n-----------   -- ---------------- -------\n3/1/2024 10:47:02 AM  4226 Warning x\n#noise\n3/1/2024 10:48:02 AM  4226 Warning x\n"
    )
    #expect(error?.line == 5)
  }

  @Test func headerWithoutRowsIsAnError() {
    let error = Checks.error(
      GetWinEventTableImporter.self,
      "TimeCreated   Id LevelDisplayName Message\n-----------   -- ---------------- -------\n")
    #expect(error?.message.hasPrefix("no events found") == true)
  }

  @Test func utf16LEGivesTheSameEvidence() throws {
    try Checks.sameInUTF16(
      GetWinEventTableImporter.self,
      try Checks.fixture("get-winevent-table/windows-powershell-evtx.txt"))
  }

  @Test func robustness() throws {
    try Checks.robustness(
      GetWinEventTableImporter.self,
      try Checks.fixture("get-winevent-table/windows-powershell-evtx.txt"), seed: 4226)
    try Checks.robustness(
      GetWinEventTableImporter.self, Array(GetWinEventTableImporter.examples[1].input.utf8),
      seed: 4227)
  }
}
