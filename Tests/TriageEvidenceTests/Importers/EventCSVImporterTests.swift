import Testing
import TriageKit

@testable import TriageEvidence

@Suite struct EventCSVImporterTests {
  typealias Checks = ImporterChecks

  @Test(arguments: EventCSVImporter.examples.indices)
  func examplesGiveTheirFacts(index: Int) throws {
    let example = EventCSVImporter.examples[index]
    let text = try EvidenceText(example.input)
    let evidence = try EventCSVImporter.read(text)
    #expect(Checks.hasFacts(evidence, example.facts), "\(example.name): \(evidence.facts)")
    #expect(EvidenceImporters.detect(text)?.importer == EventCSVImporter.self)
  }

  /// A real Event Viewer "Save as Text" (tab-separated) of a Windows 11 System log, its header
  /// re-spaced by hand, multi-line descriptions in quotes, dates day-first with dashes.
  @Test func realTabSeparatedSystemLog() throws {
    let text = try Checks.text("event-csv/eventviewer-tab-system.txt")
    let evidence = try EventCSVImporter.read(text)
    #expect(evidence.format == "eventviewer-tab")
    #expect(evidence.facts["event.count"] == .number(156))
    #expect(evidence.facts["event.4226"] == .number(0))
    let events = try #require(evidence.json["events"]?.arrayValue)
    var perID: [Int: Int] = [:]
    for event in events { perID[event["id"]?.intValue ?? -1, default: 0] += 1 }
    #expect(perID == [105: 146, 566: 6, 10016: 1, 1014: 1, 129: 1, 7040: 1])
    #expect(events.filter { $0["level"] == "Warning" }.count == 3)
    #expect(events[0]["time"] == "2025-07-01T17:53:27")
    #expect(
      events[5]["message"]
        == "The system session has transitioned from 24 to 26.\n\nReason InputPoUserPresent \n\nBootId: 14"
    )
    #expect(events[9]["source"] == "Microsoft-Windows-DistributedCOM")
    #expect(evidence.figures == ["156 events in all, 2025-07-01 14:36–17:53"])
    #expect(EvidenceImporters.detect(text)?.importer == EventCSVImporter.self)
  }

  @Test func eventViewerCSVWithCRLFAndQuotedLineEnds() throws {
    let text = try Checks.text("event-csv/eventviewer-save-as.constructed.csv")
    let evidence = try EventCSVImporter.read(text)
    #expect(evidence.format == "eventviewer-csv")
    #expect(
      Checks.hasFacts(
        evidence, ["event.4226": .number(3), "event.4227": .number(1), "event.count": .number(7)]))
    #expect(
      evidence.figures == [
        "3 × Tcpip 4226 (half-open connect limit reached), 2024-03-01 10:42–10:47",
        "1 × Tcpip 4227 (local endpoint reused too soon, TIME_WAIT), 2024-03-01 10:40",
        "7 events in all, 2024-03-01 10:39–10:47",
      ])
    let dcom = try #require(evidence.json["events"]?.arrayValue?[3])
    #expect(dcom["message"]?.stringValue?.contains("CLSID \n{2593F8B9-") == true)
    #expect(EvidenceImporters.detect(text)?.importer == EventCSVImporter.self)
  }

  @Test func exportCsvOfGetWinEvent() throws {
    let text = try Checks.text("event-csv/export-csv-get-winevent.constructed.csv")
    let evidence = try EventCSVImporter.read(text)
    #expect(evidence.format == "powershell-csv")
    let events = try #require(evidence.json["events"]?.arrayValue)
    #expect(events.map { $0["level"] } == ["Error", "Warning", "Warning", "Error"])
    #expect(
      evidence.figures == [
        "2 × Tcpip 4227 (local endpoint reused too soon, TIME_WAIT), 2016-12-20 08:12",
        "2 × Tcpip 4231 (ephemeral ports exhausted), 2016-12-20 08:12",
        "4 events in all, 2016-12-20 08:12",
      ])
    #expect(EvidenceImporters.detect(text)?.importer == EventCSVImporter.self)
  }

  @Test func xpHeaderlessCSV() throws {
    let text = try Checks.text("event-csv/xp-eventviewer.constructed.csv")
    let evidence = try EventCSVImporter.read(text)
    #expect(evidence.format == "eventviewer-xp-csv")
    #expect(
      evidence.figures == [
        "3 × Tcpip 4226 (half-open connect limit reached), 2005-06-14 13:58–14:19",
        "5 events in all, 2005-06-14 13:57–14:19",
      ])
    #expect(EvidenceImporters.detect(text)?.importer == EventCSVImporter.self)
  }

  @Test func getEventLogExportMasksTheInstanceID() throws {
    let evidence = try EventCSVImporter.read(
      try EvidenceText(
        """
        "Index","EntryType","InstanceId","Message","Source","TimeGenerated"
        "13821","Warning","2147487874","TCP/IP has reached the security limit imposed on the number of concurrent TCP connect attempts.","Tcpip","1/17/2019 19:17:23"
        """))
    #expect(evidence.facts["event.4226"] == .number(1))
  }

  @Test func repeatedHeaderOfASecondExportIsSkipped() throws {
    let once = EventCSVImporter.examples[0].input
    let evidence = try EventCSVImporter.read(try EvidenceText(once + "\n" + once))
    #expect(evidence.facts["event.count"] == .number(6))
  }

  @Test func rowWithTooFewFieldsNamesItsLine() {
    let error = Checks.error(
      EventCSVImporter.self,
      "Level,Date and Time,Source,Event ID,Task Category\nWarning,3/1/2024 10:47:02 AM,Tcpip\n")
    #expect(error?.line == 2)
    #expect(error?.message == "expected 5 or 6 fields, found 3")
  }

  @Test func badEventIDNamesItsLine() {
    let error = Checks.error(
      EventCSVImporter.self,
      "Level,Date and Time,Source,Event ID,Task Category\nWarning,3/1/2024,Tcpip,4226,None,x\nWarning,3/1/2024,Tcpip,42z6,None,x\n"
    )
    #expect(error?.line == 3)
    #expect(error?.message == "expected a number as the event ID, found '42z6'")
  }

  @Test func unclosedQuoteAtTheEndNamesTheRecordsLine() {
    let error = Checks.error(
      EventCSVImporter.self,
      "Level,Date and Time,Source,Event ID,Task Category\nWarning,3/1/2024,Tcpip,4226,None,x\nWarning,3/1/2024,Tcpip,4226,None,\"cut\nhere\n"
    )
    #expect(error?.line == 3)
    #expect(error?.reason == .truncated)
  }

  @Test func headerWithoutAnEventIDColumn() {
    let error = Checks.error(EventCSVImporter.self, "Name,Value\nfoo,bar\n")
    #expect(error?.line == 1)
  }

  @Test func headerAloneIsAnError() {
    let error = Checks.error(
      EventCSVImporter.self, "Level,Date and Time,Source,Event ID,Task Category\n")
    #expect(error?.message.hasPrefix("no events found") == true)
  }

  @Test func utf16LEGivesTheSameEvidence() throws {
    try Checks.sameInUTF16(
      EventCSVImporter.self, try Checks.fixture("event-csv/eventviewer-tab-system.txt"))
    try Checks.sameInUTF16(
      EventCSVImporter.self, try Checks.fixture("event-csv/eventviewer-save-as.constructed.csv"))
  }

  @Test(arguments: [
    "event-csv/eventviewer-tab-system.txt", "event-csv/eventviewer-save-as.constructed.csv",
    "event-csv/export-csv-get-winevent.constructed.csv", "event-csv/xp-eventviewer.constructed.csv",
  ])
  func robustness(path: String) throws {
    try Checks.robustness(EventCSVImporter.self, try Checks.fixture(path), seed: 15112)
  }
}
