import Testing
import TriageKit

@testable import TriageEvidence

@Suite struct ISAW3CLogImporterTests {
  typealias Checks = ImporterChecks

  @Test(arguments: ISAW3CLogImporter.examples.indices)
  func examplesGiveTheirFacts(index: Int) throws {
    let example = ISAW3CLogImporter.examples[index]
    let text = try EvidenceText(example.input)
    let evidence = try ISAW3CLogImporter.read(text)
    #expect(Checks.hasFacts(evidence, example.facts), "\(example.name): \(evidence.facts)")
    #expect(EvidenceImporters.detect(text)?.importer == ISAW3CLogImporter.self)
  }

  @Test func contractFieldsInOrder() throws {
    let evidence = try ISAW3CLogImporter.read(try EvidenceText(ISAW3CLogImporter.examples[0].input))
    #expect(evidence.kind == .isaLog)
    #expect(evidence.format == "w3c")
    #expect(evidence.fields.map(\.key) == ["records", "result_codes", "result_names", "clients"])
    #expect(evidence.json["records"] == 3)
    #expect(
      evidence.json["result_codes"]
        == .object([("0xC0040037", 2), ("0x0", 1)]))
    #expect(
      evidence.json["result_names"]
        == .object([
          ("0xC0040037", "FWX_E_TCP_RATE_QUOTA_EXCEEDED_DROPPED"), ("0x0", "ERROR_SUCCESS"),
        ]))
    #expect(
      evidence.json["clients"]
        == .object([
          ("10.0.0.5", .object([("result_codes", .object([("0xC0040037", 2)]))])),
          ("10.0.0.9", .object([("result_codes", .object([("0x0", 1)]))])),
        ]))
    #expect(
      evidence.figures == [
        "2 × 0xC0040037 FWX_E_TCP_RATE_QUOTA_EXCEEDED_DROPPED from 10.0.0.5",
        "3 records, 2 denied or failed, 2 clients",
      ])
  }

  @Test func decimalAndSignedCodesBecomeHex() {
    #expect(ISAResultCode.parse(ArraySlice("3221487671".utf8))?.key == "0xC0040037")
    #expect(ISAResultCode.parse(ArraySlice("-1073479625".utf8))?.key == "0xC0040037")
    #expect(ISAResultCode.parse(ArraySlice("0xc004000d".utf8))?.name == "FWX_E_POLICY_RULES_DENIED")
    #expect(
      ISAResultCode.parse(ArraySlice("FWX_E_TCP_NOT_SYN_PACKET_DROPPED".utf8))?.key == "0xC0040017")
    #expect(ISAResultCode.parse(ArraySlice("10060".utf8))?.key == "10060")
    #expect(ISAResultCode.parse(ArraySlice("0".utf8))?.key == "0x0")
    #expect(
      ISAResultCode.parse(ArraySlice("0x80074e20 FWX_E_GRACEFUL_SHUTDOWN".utf8))?.name
        == "FWX_E_GRACEFUL_SHUTDOWN")
    #expect(ISAResultCode.parse(ArraySlice("denied".utf8)) == nil)
    #expect(ISAResultCode.parse(ArraySlice("0x1FFFFFFFF".utf8)) == nil)
  }

  /// A real ISA Server 2004 Firewall log (W3C, 28 fields, tab-separated).
  @Test func realISA2004FirewallLog() throws {
    let text = try Checks.text("isa-w3c/isa2004-firewall.w3c.log")
    let evidence = try ISAW3CLogImporter.read(text)
    #expect(
      Checks.hasFacts(
        evidence,
        [
          "isa.records": .number(33), "isa.0xc004000d": .number(31), "isa.0x0": .number(2),
          "isa.top-client": .string("192.168.100.115"),
        ]))
    #expect(
      evidence.figures == [
        "31 × 0xC004000D FWX_E_POLICY_RULES_DENIED from 192.168.100.115 (15) and 10 more clients",
        "33 records, 31 denied or failed, 12 clients",
      ])
    #expect(EvidenceImporters.detect(text)?.importer == ISAW3CLogImporter.self)
  }

  /// A real ISA Server 2004 Web Proxy log: `c-ip`, `sc-status` and `action`.
  @Test func realISA2004WebProxyLog() throws {
    let text = try Checks.text("isa-w3c/isa2004-webproxy.w3c.log")
    let evidence = try ISAW3CLogImporter.read(text)
    #expect(
      Checks.hasFacts(
        evidence,
        [
          "isa.records": .number(27), "isa.200": .number(20), "isa.12209": .number(4),
          "isa.5": .number(2), "isa.12202": .number(1), "isa.top-client": .string("10.25.48.32"),
        ]))
    #expect(
      evidence.figures == [
        "4 × 12209 from 10.25.48.32 (2) and 2 more clients", "2 × 5 from 10.25.48.32",
        "1 × 12202 from 10.25.48.32", "27 records, 7 denied or failed, 4 clients",
      ])
  }

  @Test func constructedISA2006Flood() throws {
    let text = try Checks.text("isa-w3c/isa2006-flood.constructed.w3c.log")
    let evidence = try ISAW3CLogImporter.read(text)
    #expect(
      Checks.hasFacts(
        evidence,
        [
          "isa.records": .number(485), "isa.0xc0040037": .number(417),
          "isa.0xc0040017": .number(20), "isa.0xc004000d": .number(3), "isa.0x0": .number(45),
          "isa.top-client": .string("10.0.0.5"),
        ]))
    #expect(
      evidence.figures == [
        "417 × 0xC0040037 FWX_E_TCP_RATE_QUOTA_EXCEEDED_DROPPED from 10.0.0.5 (412) and 1 more client",
        "20 × 0xC0040017 FWX_E_TCP_NOT_SYN_PACKET_DROPPED from 10.0.0.5",
        "3 × 0xC004000D FWX_E_POLICY_RULES_DENIED from 10.0.0.9",
        "485 records, 440 denied or failed, 3 clients",
      ])
    #expect(EvidenceImporters.detect(text)?.importer == ISAW3CLogImporter.self)
  }

  @Test func constructedTMGWithNamedCodes() throws {
    let evidence = try ISAW3CLogImporter.read(
      try Checks.text("isa-w3c/tmg-firewall.constructed.w3c.log"))
    #expect(evidence.json["result_names"]?["0x80074E20"] == "FWX_E_GRACEFUL_SHUTDOWN")
    #expect(
      evidence.figures == [
        "9 × 0xC0040037 FWX_E_TCP_RATE_QUOTA_EXCEEDED_DROPPED from 192.168.10.50",
        "17 records, 9 denied or failed, 2 clients",
      ])
  }

  @Test func recordWithTooFewFieldsNamesItsLine() {
    let error = Checks.error(
      ISAW3CLogImporter.self,
      "#Software: Microsoft Internet Security and Acceleration Server 2006\n#Fields: date\ttime\tsource\taction\tstatus\n2024-03-01\t10:42:13\t10.0.0.5:1\tDenied\n"
    )
    #expect(error?.line == 3)
    #expect(
      error?.message == "expected 5 tab-separated fields as the '#Fields:' line 2 names, found 4")
  }

  @Test func unreadableStatusNamesItsLine() {
    let error = Checks.error(
      ISAW3CLogImporter.self,
      "#Fields: date\ttime\tsource\taction\tstatus\n2024-03-01\t10:42:13\t10.0.0.5:1\tDenied\toops\n"
    )
    #expect(error?.line == 2)
    #expect(
      error?.message == "expected a result code such as '0xc0040037' or '10060', found 'oops'")
  }

  @Test func recordBeforeFieldsDirective() {
    let error = Checks.error(
      ISAW3CLogImporter.self,
      "#Software: Microsoft Internet Security and Acceleration Server 2006\nISA01\t2024-03-01\n")
    #expect(error?.line == 2)
  }

  @Test func directivesAloneAreAnError() {
    let error = Checks.error(
      ISAW3CLogImporter.self,
      "#Software: Microsoft Internet Security and Acceleration Server 2006\n#Fields: date\ttime\tsource\tstatus\n"
    )
    #expect(error?.message.hasPrefix("no log records found") == true)
  }

  @Test func iisLogsAreNotClaimed() throws {
    let text = try EvidenceText(
      "#Software: Microsoft Internet Information Services 10.0\n#Version: 1.0\n#Fields: date time s-ip cs-method cs-uri-stem sc-status\n"
    )
    #expect(ISAW3CLogImporter.recognition(of: text) == 0)
  }

  @Test func utf16LEGivesTheSameEvidence() throws {
    try Checks.sameInUTF16(
      ISAW3CLogImporter.self, try Checks.fixture("isa-w3c/isa2004-firewall.w3c.log"))
  }

  @Test(arguments: [
    "isa-w3c/isa2004-firewall.w3c.log", "isa-w3c/isa2004-webproxy.w3c.log",
    "isa-w3c/tmg-firewall.constructed.w3c.log",
  ])
  func robustness(path: String) throws {
    try Checks.robustness(ISAW3CLogImporter.self, try Checks.fixture(path), seed: 15120)
  }
}
