import Testing
import TriageKit

@testable import TriageEvidence

@Suite struct EventXMLImporterTests {
  typealias Checks = ImporterChecks

  @Test(arguments: EventXMLImporter.examples.indices)
  func examplesGiveTheirFacts(index: Int) throws {
    let example = EventXMLImporter.examples[index]
    let text = try EvidenceText(example.input)
    let evidence = try EventXMLImporter.read(text)
    #expect(Checks.hasFacts(evidence, example.facts), "\(example.name): \(evidence.facts)")
    #expect(EvidenceImporters.detect(text)?.importer == EventXMLImporter.self)
  }

  @Test func renderedMessageAndLevelWin() throws {
    let evidence = try EventXMLImporter.read(try EvidenceText(EventXMLImporter.examples[1].input))
    let event = try #require(evidence.json["events"]?.arrayValue?.first)
    #expect(event["level"] == "Error")
    #expect(event["time"] == "2016-12-20T08:12:40Z")
    #expect(
      event["message"]
        == "A request to allocate an ephemeral port number from the global TCP port space has failed due to all such ports being in use."
    )
    #expect(
      evidence.figures == [
        "1 × Tcpip 4231 (ephemeral ports exhausted), 2016-12-20 08:12 UTC",
        "1 event in all, 2016-12-20 08:12 UTC",
      ])
  }

  @Test func entitiesCDATAAndCommentsAreRead() throws {
    let evidence = try EventXMLImporter.read(
      try EvidenceText(
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <!-- saved from Event Viewer -->
        <Events><Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'>
        <System><Provider Name='A &amp; B'/><EventID>7</EventID><Level>3</Level></System>
        <RenderingInfo Culture='en-US'><Message>x &lt; y &#x41;<![CDATA[ <raw> ]]></Message></RenderingInfo>
        </Event></Events>
        """))
    let event = try #require(evidence.json["events"]?.arrayValue?.first)
    #expect(event["source"] == "A & B")
    #expect(event["message"] == "x < y A <raw>")
    #expect(event["level"] == "Warning")
  }

  /// A real event from the Details tab's XML view, as Microsoft's documentation shows it.
  @Test func realXMLViewSecurity5157() throws {
    let text = try Checks.text("event-xml/xml-view-security-5157.xml")
    let evidence = try EventXMLImporter.read(text)
    let event = try #require(evidence.json["events"]?.arrayValue?.first)
    #expect(event["id"] == 5157)
    #expect(event["source"] == "Microsoft-Windows-Security-Auditing")
    #expect(event["level"] == "Information")
    #expect(event["time"] == "2015-09-22T03:46:51Z")
    #expect(event["message"]?.stringValue?.hasPrefix("ProcessID=4556; Application=") == true)
    #expect(event["message"]?.stringValue?.hasSuffix("RemoteMachineID=S-1-0-0") == true)
    #expect(evidence.figures == ["1 event in all, 2015-09-22 03:46 UTC"])
    #expect(EvidenceImporters.detect(text)?.importer == EventXMLImporter.self)
  }

  /// Two real Tcpip events copied from the XML view, one after the other.
  @Test func realXMLViewTcpip4207() throws {
    let text = try Checks.text("event-xml/xml-view-tcpip-4207.xml")
    let evidence = try EventXMLImporter.read(text)
    let events = try #require(evidence.json["events"]?.arrayValue)
    #expect(events.map { $0["id"] } == [4207, 4207])
    #expect(events.map { $0["level"] } == ["Error", "Error"])
    #expect(events.map { $0["message"] } == ["IPv4; 28", "IPv6; 28"])
    #expect(Checks.hasFacts(evidence, ["event.count": .number(2), "event.4226": .number(0)]))
  }

  /// A real `wevtutil qe System /f:xml` event: one line, single quotes, no root.
  @Test func realWevtutilXML() throws {
    let text = try Checks.text("event-xml/wevtutil-kernel-power-42.xml")
    let evidence = try EventXMLImporter.read(text)
    let event = try #require(evidence.json["events"]?.arrayValue?.first)
    #expect(event["id"] == 42)
    #expect(event["source"] == "Microsoft-Windows-Kernel-Power")
    #expect(event["time"] == "2026-10-08T19:30:43Z")
    #expect(
      event["message"] == "TargetState=6; EffectiveState=5; Reason=4; Flags=0; TransitionsToOn=50")
    #expect(EvidenceImporters.detect(text)?.importer == EventXMLImporter.self)
  }

  @Test func truncatedXMLNamesTheOpenEvent() {
    let input = EventXMLImporter.examples[2].input
    let error = Checks.error(EventXMLImporter.self, String(input.dropLast(11)))
    #expect(error?.line == 1)
    #expect(error?.reason == .truncated)
    #expect(error?.message.hasSuffix("the input ends inside '<Event>')") == true)
    let inTag = Checks.error(EventXMLImporter.self, String(input.dropLast(16)))
    #expect(inTag?.line == 10)
    #expect(inTag?.message == "the markup that starts here is not closed (expected '>')")
  }

  @Test func truncatedInsideATagNamesItsLine() {
    let error = Checks.error(
      EventXMLImporter.self,
      "<Events>\n<Event><System><EventID>1</EventID></System></Event>\n<Event><Sys")
    #expect(error?.line == 3)
    #expect(error?.reason == .truncated)
  }

  @Test func mismatchedEndTag() {
    let error = Checks.error(
      EventXMLImporter.self, "<Event>\n<System>\n<EventID>1</EventID>\n</Event>\n")
    #expect(error?.line == 4)
    #expect(error?.message == "expected '</System>' (opened on line 2), found '</Event>'")
  }

  @Test func badEventID() {
    let error = Checks.error(
      EventXMLImporter.self, "<Event>\n<System>\n<EventID>forty</EventID></System></Event>\n")
    #expect(error?.line == 3)
  }

  @Test func textOutsideTheEvents() {
    let error = Checks.error(
      EventXMLImporter.self, "<Event><System><EventID>1</EventID></System></Event>\nhello\n")
    #expect(error?.line == 2)
    #expect(error?.message == "expected '<Event>', found 'hello'")
  }

  @Test func noEventsIsAnError() {
    let error = Checks.error(EventXMLImporter.self, "<Events>\n</Events>\n")
    #expect(error?.message.hasPrefix("no events found") == true)
  }

  @Test func utf16LEGivesTheSameEvidence() throws {
    try Checks.sameInUTF16(
      EventXMLImporter.self, try Checks.fixture("event-xml/xml-view-tcpip-4207.xml"))
  }

  @Test(arguments: [
    "event-xml/xml-view-security-5157.xml", "event-xml/xml-view-tcpip-4207.xml",
    "event-xml/wevtutil-kernel-power-42.xml",
  ])
  func robustness(path: String) throws {
    try Checks.robustness(EventXMLImporter.self, try Checks.fixture(path), seed: 15113)
  }
}
