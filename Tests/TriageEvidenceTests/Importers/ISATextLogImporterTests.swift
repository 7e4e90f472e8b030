import Testing
import TriageKit

@testable import TriageEvidence

@Suite struct ISATextLogImporterTests {
  typealias Checks = ImporterChecks

  @Test(arguments: ISATextLogImporter.examples.indices)
  func examplesGiveTheirFacts(index: Int) throws {
    let example = ISATextLogImporter.examples[index]
    let text = try EvidenceText(example.input)
    let evidence = try ISATextLogImporter.read(text)
    #expect(Checks.hasFacts(evidence, example.facts), "\(example.name): \(evidence.facts)")
    #expect(EvidenceImporters.detect(text)?.importer == ISATextLogImporter.self)
  }

  /// A real paste: the two lines of a TMG log entry's details, the code wrapped onto its own line.
  @Test func detailsPaneStatusWithItsCodeWrapped() throws {
    let text = try Checks.text("isa-text/tmg-details-status-wrapped.paste")
    #expect(EvidenceImporters.detect(text)?.importer == ISATextLogImporter.self)
    let evidence = try ISATextLogImporter.read(text)
    #expect(evidence.format == "log-viewer-details")
    #expect(
      Checks.hasFacts(evidence, ["isa.records": .number(1), "isa.0x80074e23": .number(1)]))
  }

  /// A `Status:` line without a code in parentheses is not a details pane: nothing is guessed.
  @Test func statusWithoutACodeIsNotRecognized() throws {
    let text = try EvidenceText("Status: the server is busy\nSource: Internal (10.0.0.5:1)\n")
    #expect(ISATextLogImporter.recognition(of: text) == 0)
  }

  @Test func logViewerCopy() throws {
    let text = try Checks.text("isa-text/log-viewer-copy.constructed.tsv")
    let evidence = try ISATextLogImporter.read(text)
    #expect(evidence.format == "log-viewer-tab")
    #expect(
      Checks.hasFacts(
        evidence,
        [
          "isa.records": .number(15), "isa.0xc0040037": .number(12),
          "isa.0xc0040017": .number(1), "isa.0x80074e20": .number(1), "isa.0x0": .number(1),
          "isa.top-client": .string("10.0.0.5"),
        ]))
    #expect(
      evidence.figures == [
        "12 × 0xC0040037 FWX_E_TCP_RATE_QUOTA_EXCEEDED_DROPPED from 10.0.0.5",
        "1 × 0xC0040017 FWX_E_TCP_NOT_SYN_PACKET_DROPPED from 10.0.0.5",
        "15 records, 13 denied or failed, 2 clients",
      ])
    #expect(EvidenceImporters.detect(text)?.importer == ISATextLogImporter.self)
  }

  @Test func logViewerCSVExport() throws {
    let text = try Checks.text("isa-text/log-viewer-export.constructed.csv")
    let evidence = try ISATextLogImporter.read(text)
    #expect(evidence.format == "log-viewer-csv")
    #expect(
      evidence.figures == [
        "7 × 0xC0040037 FWX_E_TCP_RATE_QUOTA_EXCEEDED_DROPPED from 10.0.0.5",
        "1 × 0xC004000D FWX_E_POLICY_RULES_DENIED from 10.0.0.7",
        "1 × 10060 WSAETIMEDOUT from 10.0.0.7",
        "9 records, 9 denied or failed, 2 clients",
      ])
    #expect(evidence.facts["isa.10060"] == .number(1))
    #expect(EvidenceImporters.detect(text)?.importer == ISATextLogImporter.self)
  }

  @Test func isaFileFormat() throws {
    let text = try Checks.text("isa-text/isa-format.constructed.log")
    let evidence = try ISATextLogImporter.read(text)
    #expect(evidence.format == "isa-text")
    #expect(
      evidence.figures == [
        "4 × 0xC0040037 FWX_E_TCP_RATE_QUOTA_EXCEEDED_DROPPED from 10.0.0.5",
        "1 × 0xC004000D FWX_E_POLICY_RULES_DENIED from 10.0.0.9",
        "6 records, 5 denied or failed, 2 clients",
      ])
    #expect(EvidenceImporters.detect(text)?.importer == ISATextLogImporter.self)
  }

  /// ISA Server 2000's own file format, a real published sample (SOURCES.md): comma-separated,
  /// indented by its code block, the status 22nd.
  @Test func isa2000FileFormat() throws {
    let text = try Checks.text("isa-text/isa2000-firewall-isa-format-loganalyzer.paste")
    let evidence = try EvidenceImporters.read(text, strict: false)
    #expect(evidence.format == "isa2000-text")
    #expect(evidence.skipped.isEmpty)
    #expect(evidence.facts["isa.records"] == .number(28))
    #expect(evidence.facts["isa.20000"] == .number(10))
    #expect(evidence.facts["isa.13301"] == .number(3))
    #expect(evidence.json["clients"]?["10.45.1.68"]?["result_codes"]?["20000"] == .int(2))
    #expect(EvidenceImporters.detect(text)?.importer == ISATextLogImporter.self)
  }

  @Test func rowWithTooFewFieldsNamesItsLine() {
    let error = Checks.error(
      ISATextLogImporter.self,
      "Log Time\tClient IP\tAction\tResult Code\n3/1/2024 10:42:13 AM\t10.0.0.5\tDenied Connection\n"
    )
    #expect(error?.line == 2)
    #expect(error?.message == "expected 4 fields as the header names, found 3")
  }

  @Test func unreadableResultCodeNamesItsLine() {
    let error = Checks.error(
      ISATextLogImporter.self,
      "Log Time\tClient IP\tAction\tResult Code\n3/1/2024\t10.0.0.5\tDenied Connection\t0xc0040037\n3/1/2024\t10.0.0.5\tDenied Connection\tbusy\n"
    )
    #expect(error?.line == 3)
  }

  @Test func unclosedQuoteIsTruncation() {
    let error = Checks.error(
      ISATextLogImporter.self,
      "\"Log Time\",\"Client IP\",\"Result Code\"\n\"3/1/2024\",\"10.0.0.5\",\"0xc0040037\n")
    #expect(error?.line == 2)
    #expect(error?.reason == .truncated)
  }

  @Test func unknownFirstLine() {
    let error = Checks.error(ISATextLogImporter.self, "hello world\n")
    #expect(error?.line == 1)
  }

  @Test func headerAloneIsAnError() {
    let error = Checks.error(ISATextLogImporter.self, "Log Time\tClient IP\tAction\tResult Code\n")
    #expect(error?.message.hasPrefix("no log records found") == true)
  }

  @Test func utf16LEGivesTheSameEvidence() throws {
    try Checks.sameInUTF16(
      ISATextLogImporter.self, try Checks.fixture("isa-text/log-viewer-copy.constructed.tsv"))
  }

  @Test(arguments: [
    "isa-text/log-viewer-copy.constructed.tsv", "isa-text/log-viewer-export.constructed.csv",
    "isa-text/isa-format.constructed.log",
  ])
  func robustness(path: String) throws {
    try Checks.robustness(ISATextLogImporter.self, try Checks.fixture(path), seed: 21284)
  }
}
