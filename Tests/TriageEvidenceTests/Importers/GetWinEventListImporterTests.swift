import Testing
import TriageKit

@testable import TriageEvidence

@Suite struct GetWinEventListImporterTests {
  typealias Checks = ImporterChecks

  @Test(arguments: GetWinEventListImporter.examples.indices)
  func examplesGiveTheirFacts(index: Int) throws {
    let example = GetWinEventListImporter.examples[index]
    let text = try EvidenceText(example.input)
    let evidence = try GetWinEventListImporter.read(text)
    #expect(Checks.hasFacts(evidence, example.facts), "\(example.name): \(evidence.facts)")
    #expect(EvidenceImporters.detect(text)?.importer == GetWinEventListImporter.self)
  }

  @Test func wrappedMessagesAndParagraphs() throws {
    let evidence = try GetWinEventListImporter.read(
      try EvidenceText(GetWinEventListImporter.examples[1].input))
    let events = try #require(evidence.json["events"]?.arrayValue)
    #expect(events.map { $0["level"] } == ["Error", "Warning"])
    #expect(
      events[1]["message"]
        == "TCP/IP failed to establish an outgoing connection because the selected\nlocal endpoint was recently used to connect to the same remote endpoint.\n\nThis error typically occurs when outgoing connections are opened and\nclosed at a high rate."
    )
    #expect(
      evidence.figures == [
        "1 × Tcpip 4227 (local endpoint reused too soon, TIME_WAIT), 2016-12-20 08:12",
        "1 × Tcpip 4231 (ephemeral ports exhausted), 2016-12-20 08:12",
        "2 events in all, 2016-12-20 08:12",
      ])
  }

  @Test func getEventLogTakesTheEventIDAndEntryType() throws {
    let evidence = try GetWinEventListImporter.read(
      try EvidenceText(GetWinEventListImporter.examples[2].input))
    #expect(evidence.format == "get-eventlog-list")
    let event = try #require(evidence.json["events"]?.arrayValue?.first)
    #expect(event["level"] == "Warning")
    #expect(event["time"] == "2019-01-17T19:17:23")
  }

  @Test func instanceIDAloneGivesTheEventID() throws {
    let evidence = try GetWinEventListImporter.read(
      try EvidenceText(
        """
        EntryType     : Warning
        InstanceId    : 2147487874
        Source        : Tcpip
        TimeGenerated : 1/17/2019 19:17:23
        """))
    #expect(evidence.facts["event.4226"] == .number(1))
  }

  /// A real `Get-WinEvent -Path .\security.evtx | ? {…} | select *` at an 80-column console: the
  /// wrapped prompt, trailing spaces on every line, blank lines made of spaces inside messages.
  @Test func realSelectStarOfTwoSecurityEvents() throws {
    let text = try Checks.text("get-winevent-list/security-4727-select-star.txt")
    let evidence = try GetWinEventListImporter.read(text)
    #expect(evidence.format == "get-winevent-list")
    let events = try #require(evidence.json["events"]?.arrayValue)
    #expect(events.map { $0["id"] } == [4727, 4727])
    #expect(events.map { $0["time"] } == ["2017-05-19T01:18:26", "2017-05-19T01:16:17"])
    #expect(events.map { $0["level"] } == ["Information", "Information"])
    #expect(events[0]["source"] == "Microsoft-Windows-Security-Auditing")
    let message = try #require(events[0]["message"]?.stringValue)
    #expect(
      message.hasPrefix("A security-enabled global group was created.\n\nSubject:\nSecurity ID:"))
    #expect(message.hasSuffix("Additional Information:\nPrivileges:             -"))
    #expect(evidence.figures == ["2 events in all, 2017-05-19 01:16–01:18"])
    #expect(EvidenceImporters.detect(text)?.importer == GetWinEventListImporter.self)
  }

  /// The `Get-EventLog … | Select-Object -Property *` output of the PowerShell documentation.
  @Test func realGetEventLogFromTheDocumentation() throws {
    let text = try Checks.text("get-winevent-list/get-eventlog-dcom-10016.txt")
    let evidence = try GetWinEventListImporter.read(text)
    #expect(evidence.format == "get-eventlog-list")
    let event = try #require(evidence.json["events"]?.arrayValue?.first)
    #expect(event["id"] == 10016)
    #expect(event["source"] == "DCOM")
    #expect(event["level"] == "Error")
    #expect(event["message"] == "The description for Event ID '10016' in Source 'DCOM'...")
    #expect(evidence.facts["event.count"] == .number(1))
    #expect(EvidenceImporters.detect(text)?.importer == GetWinEventListImporter.self)
  }

  @Test func badIDNamesItsLine() {
    let error = Checks.error(
      GetWinEventListImporter.self,
      "TimeCreated  : 3/1/2024 10:42:13 AM\nProviderName : Tcpip\nId           : x42\n")
    #expect(error?.line == 3)
  }

  @Test func eventWithoutIDIsTruncation() {
    let error = Checks.error(
      GetWinEventListImporter.self,
      "TimeCreated  : 3/1/2024 10:42:13 AM\nProviderName : Tcpip\nId           : 4226\n\nTimeCreated  : 3/1/2024 10:43:13 AM\nProviderName : Tcpip\n"
    )
    #expect(error?.line == 5)
    #expect(error?.reason == .truncated)
  }

  @Test func unindentedNoiseInsideAnEventNamesTheLine() {
    let error = Checks.error(
      GetWinEventListImporter.self, "Id           : 4226\nProviderName : Tcpip\nnot a property\n")
    #expect(error?.line == 3)
  }

  @Test func utf16LEGivesTheSameEvidence() throws {
    try Checks.sameInUTF16(
      GetWinEventListImporter.self,
      try Checks.fixture("get-winevent-list/security-4727-select-star.txt"))
  }

  @Test(arguments: [
    "get-winevent-list/security-4727-select-star.txt",
    "get-winevent-list/get-eventlog-dcom-10016.txt",
  ])
  func robustness(path: String) throws {
    try Checks.robustness(GetWinEventListImporter.self, try Checks.fixture(path), seed: 4231)
  }
}
