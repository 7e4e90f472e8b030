import Testing
import TriageKit

@testable import TriageEvidence

@Suite struct NslookupImporterTests {
  typealias Fixtures = ImporterChecks

  /// The reported lookup of each fixture, read by hand from the file.
  struct Expected: Sendable, CustomStringConvertible {
    var file: String
    var status: String
    var query: String?
    var server: String
    var serverAddress: String
    var addresses: [String]
    var serverUnknown: Bool
    var lookups: Int
    var description: String { file }
  }

  static let expected: [Expected] = [
    .init(
      file: "student-server-unknown-answer.txt", status: "ok", query: "google.com",
      server: "UnKnown", serverAddress: "2403:8600:c090:42:a000::200",
      addresses: ["2404:6800:4007:836::200e", "142.251.221.110"], serverUnknown: true,
      lookups: 1),
    .init(
      file: "pastebin-interactive-timeout.txt", status: "timeout", query: "3.bp.blogspot.com",
      server: "iw-in-f103.google.com", serverAddress: "74.125.95.103", addresses: [],
      serverUnknown: false, lookups: 1),
    .init(
      file: "pfsense-default-servers-unavailable.txt", status: "no-response", query: "google.com",
      server: "UnKnown", serverAddress: "192.168.20.1", addresses: [], serverUnknown: true,
      lookups: 1),
    .init(
      file: "timeout-then-answer.txt", status: "ok", query: "justwinit.cn", server: "UnKnown",
      serverAddress: "192.168.1.105", addresses: ["72.46.128.86"], serverUnknown: true,
      lookups: 1),
    .init(
      file: "two-runs-stderr-first.txt", status: "nxdomain", query: "scoulombel-nas.local",
      server: "UnKnown", serverAddress: "192.168.86.1", addresses: [], serverUnknown: true,
      lookups: 2),
    .init(
      file: "forum-query-refused.txt", status: "refused", query: "google.com", server: "Uknown",
      serverAddress: "ADDRESSOFDNSSERVER", addresses: [], serverUnknown: true, lookups: 1),
    .init(
      file: "cis-audit-refused.txt", status: "refused", query: "www.cisecurity.org",
      server: "UnKnown", serverAddress: "10.3.5.53", addresses: [], serverUnknown: true,
      lookups: 1),
    .init(
      file: "ctf-notes-timeouts.txt", status: "timeout", query: nil, server: "UnKnown",
      serverAddress: "192.168.137.1", addresses: [], serverUnknown: true, lookups: 1),
  ]

  @Test func everyFixtureHasExpectedFigures() {
    #expect(Set(Fixtures.names(.nslookup)) == Set(Self.expected.map(\.file)))
  }

  @Test(arguments: expected) func realOutput(_ expected: Expected) throws {
    let evidence = try Fixtures.read(.nslookup, expected.file)
    #expect(Fixtures.value(evidence, "status") == .string(expected.status))
    #expect(Fixtures.value(evidence, "query") == expected.query.map(JSONValue.string) ?? .null)
    #expect(Fixtures.value(evidence, "server") == .string(expected.server))
    #expect(Fixtures.value(evidence, "server_address") == .string(expected.serverAddress))
    #expect(
      Fixtures.value(evidence, "addresses") == .array(expected.addresses.map(JSONValue.string)))
    #expect(Fixtures.value(evidence, "queries")?.arrayValue?.count == expected.lookups)
    #expect(evidence.facts["nslookup.status"] == .string(expected.status))
    #expect(evidence.facts["nslookup.server-unknown"] == .bool(expected.serverUnknown))
  }

  @Test func stderrFirstRunsKeepTheirOwnAnswers() throws {
    let evidence = try Fixtures.read(.nslookup, "two-runs-stderr-first.txt")
    let first = Fixtures.value(evidence, "queries")?.arrayValue?.first
    #expect(first?["query"] == "coulombel.net")
    #expect(first?["status"] == "ok")
    #expect(first?["addresses"]?.arrayValue?.count == 4)
    #expect(evidence.figures.first == "2 lookups: 1 ok, 1 nxdomain")
  }

  @Test func missingPTRIsCosmetic() throws {
    let text = try EvidenceText(
      """
      *** Can't find server name for address 10.0.1.100: Non-existent domain
      Server:  UnKnown
      Address:  10.0.1.100

      Name:    fileserver7.corp.example
      Address:  10.0.3.17
      """)
    let evidence = try NslookupImporter.read(text)
    #expect(evidence.facts["nslookup.status"] == .string("ok"))
    #expect(evidence.facts["nslookup.server-unknown"] == .bool(true))
    #expect(evidence.figures.contains { $0.contains("cosmetic") })
  }

  @Test(arguments: [
    ("Server failed", "servfail"), ("Query refused", "refused"),
    ("No response from server", "no-response"), ("Non-existent domain", "nxdomain"),
    ("Timed out", "timeout"),
  ])
  func perQueryErrors(_ reason: String, _ status: String) throws {
    let text = try EvidenceText(
      """
      Server:  dns01.corp.example
      Address:  10.0.0.10

      *** dns01.corp.example can't find filesrv99.corp.example: \(reason)
      """)
    let evidence = try NslookupImporter.read(text)
    #expect(evidence.facts["nslookup.status"] == .string(status))
    #expect(Fixtures.value(evidence, "query") == "filesrv99.corp.example")
    #expect(evidence.facts["nslookup.server-unknown"] == .bool(false))
  }

  @Test func firstFailingLookupIsReported() throws {
    let evidence = try NslookupImporter.read(EvidenceText(NslookupImporter.examples[4].input))
    #expect(Fixtures.value(evidence, "query") == "www.example.org")
    #expect(Fixtures.value(evidence, "server_address") == "10.9.9.9")
    #expect(Fixtures.value(evidence, "queries")?.arrayValue?.first?["status"] == "ok")
  }

  @Test func otherCommandsBetweenLookupsArePassedOver() throws {
    let text = try EvidenceText(
      """
      C:\\>ping -n 1 fileserver7
      Ping request could not find host fileserver7. Please check the name and try again.

      C:\\>nslookup fileserver7
      Server:  dns01.corp.example
      Address:  10.0.0.10

      ** server can't find fileserver7: NXDOMAIN
      """)
    let evidence = try NslookupImporter.read(text)
    #expect(evidence.facts["nslookup.status"] == .string("nxdomain"))
    #expect(Fixtures.value(evidence, "query") == "fileserver7")
  }

  @Test func nameWithoutAddressRecordsAnswered() throws {
    let text = try EvidenceText(
      """
      Server:  dns01.corp.example
      Address:  10.0.0.10

      *** No internal type for both IPv4 and IPv6 Addresses (A+AAAA) records available for corp.example
      """)
    let evidence = try NslookupImporter.read(text)
    #expect(evidence.facts["nslookup.status"] == .string("ok"))
    #expect(Fixtures.value(evidence, "addresses") == .array([]))
  }

  @Test func unknownLineNamesTheLine() throws {
    let text = try EvidenceText(
      """
      Server:  dns01.corp.example
      Address:  10.0.0.10
      garbage in the middle
      Name:    a.example
      Address:  10.0.0.1
      """)
    #expect {
      try NslookupImporter.read(text)
    } throws: { error in
      let error = error as? EvidenceError
      return error?.line == 3 && error?.reason == .garbled
        && error?.message.hasPrefix("expected an nslookup line") == true
    }
  }

  @Test func badAnswerAddressNamesTheColumn() throws {
    let text = try EvidenceText(
      "Server:  dns01\nAddress:  10.0.0.10\n\nName:    a\nAddress:  10.0.0.300\n")
    #expect {
      try NslookupImporter.read(text)
    } throws: { error in
      let error = error as? EvidenceError
      return error?.line == 5 && error?.column == 11
    }
  }

  @Test func lookupWithoutOutcomeIsTruncated() throws {
    let text = try EvidenceText("Server:  dns01.corp.example\nAddress:  10.0.0.10\n")
    #expect {
      try NslookupImporter.read(text)
    } throws: { error in
      (error as? EvidenceError)?.reason == .truncated
    }
  }

  @Test func unknownReasonIsAnError() throws {
    let text = try EvidenceText("*** dns01 can't find x.example: Banana split\n")
    #expect(throws: EvidenceError.self) { try NslookupImporter.read(text) }
  }

  @Test(arguments: ImporterChecks.names(.nslookup)) func detected(_ name: String) throws {
    try Fixtures.checkDetection(.nslookup, name, importer: NslookupImporter.self)
  }

  @Test(arguments: ImporterChecks.names(.nslookup)) func utf16AndCRLFReadTheSame(
    _ name: String
  ) throws {
    try Fixtures.checkEncodings(.nslookup, name)
  }

  @Test(arguments: ImporterChecks.names(.nslookup)) func robustness(_ name: String) throws {
    let bytes = try Fixtures.bytes(.nslookup, name)
    try Fixtures.checkRobustness(bytes, importer: NslookupImporter.self, seed: 0x45) { evidence in
      !(Fixtures.value(evidence, "queries")?.arrayValue ?? []).isEmpty
        && Fixtures.value(evidence, "status")?.stringValue != nil
    }
  }

  @Test func doesNotClaimOtherOutputs() throws {
    for sample in Fixtures.otherKinds {
      try Fixtures.expectNoClaim(NslookupImporter.self, sample)
    }
  }
}
