import Testing
import TriageKit

@testable import TriageEvidence

@Suite struct EventLineImporterTests {
  typealias Checks = ImporterChecks

  @Test(arguments: EventLineImporter.examples.indices)
  func examplesGiveTheirFacts(index: Int) throws {
    let example = EventLineImporter.examples[index]
    let text = try EvidenceText(example.input)
    let evidence = try EventLineImporter.read(text)
    #expect(Checks.hasFacts(evidence, example.facts), "\(example.name): \(evidence.facts)")
    #expect(EvidenceImporters.detect(text)?.importer == EventLineImporter.self)
  }

  /// A real paste: the 4226 message alone, its ID said only in the prose around it.
  @Test func messageAloneIsItsEvent() throws {
    let text = try Checks.text("event-lines/ubuntuforums-samba-4226-message-alone.paste")
    let evidence = try EvidenceImporters.read(text, strict: true)
    #expect(evidence.kind == .eventlog)
    #expect(evidence.facts["event.4226"] == .number(1))
    let event = try #require(evidence.json["events"]?.arrayValue?.first)
    #expect(event["source"] == .string("Tcpip"))
  }

  /// The message under an `Event ID:` line belongs to that event; it does not start another.
  @Test func messageInsideAnEventIsNotASecondEvent() throws {
    let evidence = try EventLineImporter.read(
      try EvidenceText(
        "Event ID: 4227\nSource: Tcpip\nDescription\nTCP/IP failed to establish an outgoing connection because the selected local endpoint was recently used.\n"
      ))
    #expect(evidence.facts["event.count"] == .number(1))
    #expect(evidence.facts["event.4227"] == .number(1))
  }

  /// Prose that names the event without its message is still not an event.
  @Test func proseWithoutTheMessageIsNotAnEvent() {
    #expect(throws: EvidenceError.self) {
      try EventLineImporter.read(try EvidenceText("I noticed that an event was logged.\n"))
    }
  }
}
