import Testing
import TriageKit

@testable import TriageEvidence

@Suite struct EventViewerTextImporterTests {
  typealias Checks = ImporterChecks

  @Test(arguments: EventViewerTextImporter.examples.indices)
  func examplesGiveTheirFacts(index: Int) throws {
    let example = EventViewerTextImporter.examples[index]
    let text = try EvidenceText(example.input)
    let evidence = try EventViewerTextImporter.read(text)
    #expect(Checks.hasFacts(evidence, example.facts), "\(example.name): \(evidence.facts)")
    #expect(EvidenceImporters.detect(text)?.importer == EventViewerTextImporter.self)
  }

  @Test func xpExampleSkipsTheDataPart() throws {
    let evidence = try EventViewerTextImporter.read(
      try EvidenceText(EventViewerTextImporter.examples[1].input))
    #expect(evidence.format == "eventviewer-xp-text")
    let events = try #require(evidence.json["events"]?.arrayValue)
    #expect(events.map { $0["time"] } == ["2005-06-14T14:11:09", "2005-06-14T14:19:40"])
    #expect(
      events[0]["message"]
        == "TCP/IP has reached the security limit imposed on the number of concurrent TCP connect attempts.\n\nFor more information, see Help and Support Center at http://go.microsoft.com/fwlink/events.asp."
    )
    #expect(
      evidence.figures == [
        "2 × Tcpip 4226 (half-open connect limit reached), 2005-06-14 14:11–14:19",
        "2 events in all, 2005-06-14 14:11–14:19",
      ])
  }

  @Test func isaEventCountsOnlyForISASources() throws {
    let evidence = try EventViewerTextImporter.read(
      try EvidenceText(
        EventViewerTextImporter.examples[2].input
          .replacingOccurrences(of: "Microsoft Firewall", with: "MyBackupAgent")))
    #expect(evidence.facts["event.15112"] == .number(0))
    #expect(evidence.facts["event.count"] == .number(1))
    #expect(
      evidence.figures.first
        == "1 × 15112 from 'MyBackupAgent' not counted (15112 is ISA/TMG's)")
  }

  /// A real 4227 copied from Event Viewer's General tab (a Server 2008 R2 post).
  @Test func realTcpip4227() throws {
    let text = try Checks.text("eventviewer-text/tcpip-4227.txt")
    let evidence = try EventViewerTextImporter.read(text)
    #expect(evidence.format == "eventviewer-text")
    #expect(evidence.facts["event.4227"] == .number(1))
    #expect(evidence.facts["event.4226"] == .number(0))
    #expect(evidence.facts["event.count"] == .number(1))
    let event = try #require(evidence.json["events"]?.arrayValue?.first)
    #expect(event["time"] == "2013-12-02T11:52:26")
    #expect(event["level"] == "Warning")
    #expect(
      evidence.figures == [
        "1 × Tcpip 4227 (local endpoint reused too soon, TIME_WAIT), 2013-12-02 11:52",
        "1 event in all, 2013-12-02 11:52",
      ])
    #expect(EvidenceImporters.detect(text)?.importer == EventViewerTextImporter.self)
  }

  /// A real XP copy from a forum post, with two `Data:` parts (bytes and words).
  @Test func realXPMRxSmb() throws {
    let text = try Checks.text("eventviewer-text/xp-mrxsmb-50.txt")
    let evidence = try EventViewerTextImporter.read(text)
    #expect(evidence.format == "eventviewer-xp-text")
    let event = try #require(evidence.json["events"]?.arrayValue?.first)
    #expect(event["id"] == 50)
    #expect(event["source"] == "MRxSmb")
    #expect(event["level"] == "Warning")
    #expect(event["time"] == "2010-07-04T10:36:30")
    #expect(event["message"]?.stringValue?.hasPrefix("{Delayed Write Failed} Windows") == true)
    #expect(event["message"]?.stringValue?.contains("0000:") == false)
    #expect(evidence.facts["event.count"] == .number(1))
    #expect(EvidenceImporters.detect(text)?.importer == EventViewerTextImporter.self)
  }

  /// Nine real XP copies in a readme, spaced with tabs or spaces, prose between them.
  @Test func realXPReadmeWithNineEvents() throws {
    let evidence = try EventViewerTextImporter.read(
      try Checks.text("eventviewer-text/xp-uphclean-readme.txt"))
    let events = try #require(evidence.json["events"]?.arrayValue)
    #expect(
      events.map { $0["id"] } == [1001, 1010, 1201, 1201, 1211, 1111, 1501, 1511, 1401])
    #expect(events.filter { $0["level"] == "Warning" }.count == 1)
    #expect(events[0]["time"] == "2003-11-14T22:13:45")
    #expect(events[4]["source"] == "UPHClean")
    #expect(evidence.figures == ["9 events in all, 2003-07-11 21:46 – 2004-10-26 21:56"])
    #expect(Checks.hasFacts(evidence, ["event.4226": .number(0), "event.count": .number(9)]))
  }

  @Test func detailsAsTextSkipsTheEventXml() throws {
    let evidence = try EventViewerTextImporter.read(
      try EvidenceText(
        """
        Log Name:      System
        Source:        Tcpip
        Date:          3/1/2024 10:42:13 AM
        Event ID:      4226
        Level:         Warning
        Description:
        TCP/IP has reached the security limit imposed on the number of concurrent TCP connect attempts.
        Event Xml:
        <Event xmlns="http://schemas.microsoft.com/win/2004/08/events/event">
          <System>
            <EventID Qualifiers="32768">4226</EventID>
          </System>
        </Event>
        """))
    let event = try #require(evidence.json["events"]?.arrayValue?.first)
    #expect(
      event["message"]
        == "TCP/IP has reached the security limit imposed on the number of concurrent TCP connect attempts."
    )
    #expect(evidence.facts["event.count"] == .number(1))
  }

  @Test func badEventIDNamesTheLine() {
    let error = Checks.error(
      EventViewerTextImporter.self,
      "Log Name: System\nSource: Tcpip\nEvent ID: four\nDescription:\nx")
    #expect(error?.line == 3)
    #expect(error?.message == "expected a number after 'Event ID:', found 'four'")
  }

  @Test func eventWithoutIDNamesItsFirstLine() {
    let error = Checks.error(
      EventViewerTextImporter.self,
      "Log Name: System\nSource: Tcpip\nEvent ID: 4226\nDescription:\nx\n\nLog Name: System\nSource: Tcpip\nLevel: Warning\n"
    )
    #expect(error?.line == 7)
    #expect(error?.reason == .truncated)
  }

  @Test func garbledHeaderLine() {
    let error = Checks.error(
      EventViewerTextImporter.self, "Log Name: System\nSource: Tcpip\n#### noise\nEvent ID: 4226\n")
    #expect(error?.line == 3)
  }

  @Test func textWithoutEventsIsAnError() {
    let error = Checks.error(EventViewerTextImporter.self, "Full details of the error are below.\n")
    #expect(error?.message.hasPrefix("no events found") == true)
  }

  @Test func utf16LEGivesTheSameEvidence() throws {
    try Checks.sameInUTF16(
      EventViewerTextImporter.self, try Checks.fixture("eventviewer-text/xp-uphclean-readme.txt"))
    try Checks.sameInUTF16(
      EventViewerTextImporter.self, try Checks.fixture("eventviewer-text/tcpip-4227.txt"))
  }

  @Test(arguments: [
    "eventviewer-text/tcpip-4227.txt", "eventviewer-text/xp-mrxsmb-50.txt",
    "eventviewer-text/xp-uphclean-readme.txt",
  ])
  func robustness(path: String) throws {
    try Checks.robustness(EventViewerTextImporter.self, try Checks.fixture(path), seed: 4227)
  }

  /// Three "Copy details as text" events pasted one after another, each with its `Event Xml:`
  /// part and the write-up's prose between them (picoCTF): each is read with its own ID, source
  /// and description, none absorbed into the one before.
  @Test func severalCopyDetailsEventsAreEachRead() throws {
    let evidence = try EvidenceImporters.read(
      try Checks.text("eventviewer-text/picoctf-three-copy-details.paste"))
    #expect(evidence.format == "eventviewer-text")
    #expect(evidence.facts["event.count"] == .number(3))
    guard case .array(let events)? = evidence.json["events"] else {
      Issue.record("no events array")
      return
    }
    #expect(events.map { $0["id"] } == [1033, 4657, 1074])
    #expect(
      events.map { $0["source"] } == [
        "MsiInstaller", "Microsoft-Windows-Security-Auditing", "User32",
      ])
    guard case .string(let registry)? = events[1]["message"] else {
      Issue.record("no message")
      return
    }
    #expect(registry.hasPrefix("A registry value was modified."))
    #expect(!registry.contains("Event Xml:") && !registry.contains("<Event"))
    #expect(!registry.contains("shutdown of computer"))
  }

  /// A second event whose `Event ID:` is not a number is an error that names its line, also
  /// after an XML part.
  @Test func garbledIDInTheSecondEventNamesItsLine() throws {
    let input = """
      Log Name: System
      Source: Tcpip
      Event ID: 4226
      Description:
      TCP/IP has reached the security limit imposed on the number of concurrent TCP connect attempts.
      Event Xml:
      <Event xmlns="http://schemas.microsoft.com/win/2004/08/events/event">
      </Event>
      Log Name: System
      Source: Tcpip
      Event ID: 42z6
      """
    let error = try #require(Checks.error(EventViewerTextImporter.self, input))
    #expect(error.line == 11)
    #expect(error.message == "expected a number after 'Event ID:', found '42z6'")
  }
}
