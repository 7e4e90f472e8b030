import Testing
import TriageKit

@testable import TriageEvidence

@Suite struct WevtutilTextImporterTests {
  typealias Checks = ImporterChecks

  @Test(arguments: WevtutilTextImporter.examples.indices)
  func examplesGiveTheirFacts(index: Int) throws {
    let example = WevtutilTextImporter.examples[index]
    let text = try EvidenceText(example.input)
    let evidence = try WevtutilTextImporter.read(text)
    #expect(Checks.hasFacts(evidence, example.facts), "\(example.name): \(evidence.facts)")
    #expect(EvidenceImporters.detect(text)?.importer == WevtutilTextImporter.self)
  }

  @Test func firstExampleFiguresAndEvents() throws {
    let evidence = try WevtutilTextImporter.read(
      try EvidenceText(WevtutilTextImporter.examples[0].input))
    #expect(evidence.format == "wevtutil-text")
    #expect(
      evidence.figures == [
        "2 × Tcpip 4226 (half-open connect limit reached), 2024-03-01 10:42–10:47",
        "3 events in all, 2024-03-01 10:42–10:50",
      ])
    let first = try #require(evidence.json["events"]?.arrayValue?.first)
    #expect(first["id"] == 4226)
    #expect(first["source"] == "Tcpip")
    #expect(first["level"] == "Warning")
    #expect(first["time"] == "2024-03-01T10:42:13")
    #expect(
      first["message"]
        == "TCP/IP has reached the security limit imposed on the number of concurrent TCP connect attempts."
    )
  }

  /// A real `wevtutil qe system /c:10 /f:text` (Windows Server 2016) with the command line above it.
  @Test func realSystem6009() throws {
    let text = try Checks.text("wevtutil-text/system-6009.txt")
    let evidence = try WevtutilTextImporter.read(text)
    #expect(evidence.facts["event.count"] == .number(1))
    #expect(evidence.facts["event.4226"] == .number(0))
    let event = try #require(evidence.json["events"]?.arrayValue?.first)
    #expect(event["id"] == 6009)
    #expect(event["source"] == "EventLog")
    #expect(event["time"] == "2016-12-22T05:29:02")
    #expect(event["message"] == "Microsoft (R) Windows (R) 10.00. 14393  Multiprocessor Free.")
    #expect(evidence.figures == ["1 event in all, 2016-12-22 05:29"])
    #expect(EvidenceImporters.detect(text)?.importer == WevtutilTextImporter.self)
  }

  @Test func realDCOMError() throws {
    let evidence = try WevtutilTextImporter.read(try Checks.text("wevtutil-text/dcom-10016.txt"))
    let event = try #require(evidence.json["events"]?.arrayValue?.first)
    #expect(event["id"] == 10016)
    #expect(event["level"] == "Error")
    #expect(event["source"] == "Microsoft-Windows-DistributedCOM")
  }

  /// Three events of a Chinese Windows: the labels are English, the level is kept as printed.
  @Test func realKernelPowerWithLocalizedLevels() throws {
    let text = try Checks.text("wevtutil-text/kernel-power-107-zh.txt")
    let evidence = try WevtutilTextImporter.read(text)
    #expect(evidence.facts["event.count"] == .number(3))
    let events = try #require(evidence.json["events"]?.arrayValue)
    #expect(events.map { $0["id"] } == [107, 107, 107])
    #expect(events.map { $0["level"] } == ["信息", "信息", "信息"])
    #expect(evidence.figures == ["3 events in all, 2019-05-25 20:59 – 2019-05-26 10:21"])
  }

  @Test func badEventIDNamesTheLine() throws {
    let error = Checks.error(
      WevtutilTextImporter.self,
      "Event[0]:\n  Log Name: System\n  Event ID: 42x\n  Description:\nx\n")
    #expect(error?.line == 3)
    #expect(error?.message == "expected a number after 'Event ID:', found '42x'")
  }

  @Test func eventWithoutIDIsTruncation() throws {
    let error = Checks.error(
      WevtutilTextImporter.self, "Event[0]:\n  Log Name: System\n  Source: Tcpip\n  Date: 2024")
    #expect(error?.line == 1)
    #expect(error?.reason == .truncated)
  }

  @Test func garbledHeaderLineNamesTheLine() throws {
    let error = Checks.error(
      WevtutilTextImporter.self, "Event[0]:\n  Log Name: System\n  something odd\n  Event ID: 1\n")
    #expect(error?.line == 3)
  }

  @Test func noEventsIsAnError() throws {
    let error = Checks.error(WevtutilTextImporter.self, "wevtutil qe System /f:text\n\n")
    #expect(error?.message.hasPrefix("no events found") == true)
  }

  @Test func utf16LEGivesTheSameEvidence() throws {
    try Checks.sameInUTF16(
      WevtutilTextImporter.self, try Checks.fixture("wevtutil-text/kernel-power-107-zh.txt"))
    try Checks.sameInUTF16(
      WevtutilTextImporter.self, Array(WevtutilTextImporter.examples[0].input.utf8))
  }

  @Test(arguments: [
    "wevtutil-text/system-6009.txt", "wevtutil-text/kernel-power-107-zh.txt",
    "wevtutil-text/dcom-10016.txt",
  ])
  func robustness(path: String) throws {
    try Checks.robustness(WevtutilTextImporter.self, try Checks.fixture(path), seed: 4226)
  }
}
