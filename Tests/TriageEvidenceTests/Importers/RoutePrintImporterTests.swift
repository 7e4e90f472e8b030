import Testing
import TriageKit

@testable import TriageEvidence

@Suite struct RoutePrintImporterTests {
  typealias Fixtures = ImporterChecks

  /// Figures counted with awk from the fixture files (interface lines, active IPv4 rows, rows
  /// under the IPv4 persistent routes, active IPv6 rows, gateways of 0.0.0.0/0.0.0.0 rows).
  struct Expected: Sendable, CustomStringConvertible {
    var file: String
    var interfaces: Int
    var ipv4Routes: Int
    var persistent: Int
    var ipv6Routes: Int?
    var gateways: [String]
    var description: String { file }
  }

  static let expected: [Expected] = [
    .init(
      file: "windows-xp.txt", interfaces: 2, ipv4Routes: 8, persistent: 1, ipv6Routes: nil,
      gateways: ["192.168.22.1"]),
    .init(
      file: "windows-7.txt", interfaces: 3, ipv4Routes: 11, persistent: 0, ipv6Routes: 5,
      gateways: ["192.168.22.1"]),
    .init(
      file: "windows-10.txt", interfaces: 3, ipv4Routes: 18, persistent: 4, ipv6Routes: 9,
      gateways: ["10.211.55.1"]),
    .init(
      file: "windows-10-hyperv.txt", interfaces: 9, ipv4Routes: 47, persistent: 1,
      ipv6Routes: 26, gateways: ["192.168.31.1"]),
    .init(
      file: "windows-11.txt", interfaces: 11, ipv4Routes: 21, persistent: 0, ipv6Routes: 16,
      gateways: ["192.168.1.1"]),
    .init(
      file: "windows-2016.txt", interfaces: 3, ipv4Routes: 11, persistent: 1, ipv6Routes: 5,
      gateways: ["192.168.22.1"]),
    .init(
      file: "ctf-notes-no-default-route.txt", interfaces: 2, ipv4Routes: 10, persistent: 0,
      ipv6Routes: 5, gateways: []),
  ]

  @Test func everyFixtureHasExpectedFigures() {
    #expect(Set(Fixtures.names(.routePrint)) == Set(Self.expected.map(\.file)))
  }

  @Test(arguments: expected) func realOutput(_ expected: Expected) throws {
    let evidence = try Fixtures.read(.routePrint, expected.file)
    #expect(Fixtures.value(evidence, "interfaces") == .int(expected.interfaces))
    #expect(Fixtures.value(evidence, "ipv4_routes") == .int(expected.ipv4Routes))
    #expect(Fixtures.value(evidence, "persistent_ipv4_routes") == .int(expected.persistent))
    #expect(
      Fixtures.value(evidence, "ipv6_routes") == expected.ipv6Routes.map(JSONValue.int) ?? .null)
    #expect(
      Fixtures.value(evidence, "default_gateways")
        == .array(expected.gateways.map(JSONValue.string)))
    #expect(evidence.facts["route.default-gateways"] == .number(Double(expected.gateways.count)))
  }

  @Test func fieldsInContractOrder() throws {
    guard case .object(let pairs) = try Fixtures.read(.routePrint, "windows-7.txt").json else {
      Issue.record("not an object")
      return
    }
    #expect(
      Array(pairs.map(\.key).prefix(5))
        == ["kind", "format", "interfaces", "default_gateways", "ipv4_routes"])
  }

  @Test func onLinkDefaultRouteIsNotAGateway() throws {
    let text = try EvidenceText(
      """
      IPv4 Route Table
      ===========================================================================
      Active Routes:
      Network Destination        Netmask          Gateway       Interface  Metric
                0.0.0.0          0.0.0.0         On-link        10.8.0.6     25
                0.0.0.0          0.0.0.0         10.0.0.1       10.0.0.5     35
                0.0.0.0          0.0.0.0         10.0.0.1       10.0.0.7     40
      ===========================================================================
      """)
    let evidence = try RoutePrintImporter.read(text)
    #expect(Fixtures.value(evidence, "default_gateways") == .array(["10.0.0.1"]))
    #expect(Fixtures.value(evidence, "interfaces") == .null)
    #expect(evidence.facts["route.default-gateways"] == .number(1))
  }

  @Test func windows2000NetstatR() throws {
    let text = try EvidenceText(
      """
      C:\\>netstat -r

      Route Table
      ===========================================================================
      Interface List
      0x1 ........................... MS TCP Loopback interface
      0x1000003 ...00 50 56 c0 00 01 ...... VMware Virtual Ethernet Adapter
      ===========================================================================
      ===========================================================================
      Active Routes:
      Network Destination        Netmask          Gateway       Interface  Metric
                0.0.0.0          0.0.0.0      192.168.0.1   192.168.0.100       1
              127.0.0.0        255.0.0.0        127.0.0.1       127.0.0.1       1
            192.168.0.0    255.255.255.0    192.168.0.100   192.168.0.100       1
      Default Gateway:       192.168.0.1
      ===========================================================================
      Persistent Routes:
        None
      """)
    let detected = EvidenceImporters.detect(text).map { ObjectIdentifier($0.importer) }
    #expect(detected == ObjectIdentifier(RoutePrintImporter.self))
    let evidence = try RoutePrintImporter.read(text)
    #expect(Fixtures.value(evidence, "interfaces") == 2)
    #expect(Fixtures.value(evidence, "ipv4_routes") == 3)
    #expect(Fixtures.value(evidence, "default_gateways") == .array(["192.168.0.1"]))
  }

  /// A route print its author cut to the IPv4 table's column header and one row, without
  /// `Active Routes:` (a real study note's example, quoted): the header opens the active table.
  @Test func columnHeaderWithoutActiveRoutesOpensTheTable() throws {
    let evidence = try EvidenceImporters.read(
      try Fixtures.text("route-print/study-note-quoted-no-active-routes.paste"))
    #expect(evidence.facts["route.default-gateways"] == .number(1))
    #expect(evidence.json["default_gateways"] == .array([.string("10.1.10.1")]))
    // Under `Persistent Routes:`, `Network Address` stays a persistent table's header.
    let persistent = try RoutePrintImporter.read(
      try EvidenceText(
        "IPv4 Route Table\nActive Routes:\nNetwork Destination        Netmask          Gateway       Interface  Metric\n          0.0.0.0          0.0.0.0         10.0.0.1       10.0.0.5     25\nPersistent Routes:\n  Network Address          Netmask  Gateway Address  Metric\n         10.9.0.0      255.255.0.0         10.0.0.2       1\n"
      ))
    #expect(persistent.json["ipv4_routes"] == .int(1))
  }

  @Test func garbledRouteNamesLineAndColumn() throws {
    let text = try EvidenceText(
      """
      IPv4 Route Table
      Active Routes:
      Network Destination        Netmask          Gateway       Interface  Metric
                0.0.0.0          0.0.0.0         10.0.0.1       10.0.0.5     25
               10.0.0.0    255.255.255.0         On-link        10.0.0.5
      """)
    #expect {
      try RoutePrintImporter.read(text)
    } throws: { error in
      let error = error as? EvidenceError
      return error?.line == 5 && error?.column == 10
        && error?.message.hasPrefix("expected an IPv4 route") == true
    }
  }

  @Test func tableWithoutRoutesIsTruncated() throws {
    let text = try EvidenceText(
      "===\nInterface List\n  1...........................Software Loopback Interface 1\n===\n\nIPv4 Route Table\n===\nActive Routes:\n"
    )
    #expect {
      try RoutePrintImporter.read(text)
    } throws: { error in
      (error as? EvidenceError)?.reason == .truncated
    }
  }

  @Test func wrappedIPv6RouteCutIsTruncated() throws {
    let bytes = try Fixtures.bytes(.routePrint, "windows-7.txt")
    let full = String(decoding: bytes, as: UTF8.self)
    guard let cut = full.range(of: "c48c/128\n") else {
      Issue.record("fixture changed")
      return
    }
    let text = try EvidenceText(String(full[..<cut.upperBound]))
    #expect {
      try RoutePrintImporter.read(text)
    } throws: { error in
      (error as? EvidenceError)?.reason == .truncated && (error as? EvidenceError)?.line == 33
    }
  }

  @Test(arguments: ImporterChecks.names(.routePrint)) func detected(_ name: String) throws {
    try Fixtures.checkDetection(.routePrint, name, importer: RoutePrintImporter.self)
  }

  @Test(arguments: ImporterChecks.names(.routePrint)) func utf16AndCRLFReadTheSame(
    _ name: String
  ) throws {
    try Fixtures.checkEncodings(.routePrint, name)
  }

  @Test(arguments: ImporterChecks.names(.routePrint)) func robustness(_ name: String)
    throws
  {
    let bytes = try Fixtures.bytes(.routePrint, name)
    try Fixtures.checkRobustness(bytes, importer: RoutePrintImporter.self, seed: 0xDEF) {
      evidence in
      (Fixtures.value(evidence, "ipv4_routes")?.intValue ?? 0) > 0
    }
  }

  @Test func doesNotClaimOtherOutputs() throws {
    for sample in Fixtures.otherKinds {
      try Fixtures.expectNoClaim(RoutePrintImporter.self, sample)
    }
  }

  /// A script run at the prompt printed route's tables after lines of its own (held-out set 3,
  /// route-print/msi-experiment-…): the tables are read, and found past the first 40 lines.
  @Test func tablesPrintedByAScriptAreRead() throws {
    let input =
      "PS C:\\pf2> .\\LocateClientAndSetupPortforward.ps1\n"
      + String(
        repeating: "Adding 169.254.169.254 ip address to the container net interface\n", count: 45)
        + """
        ===========================================================================
        Interface List
         29...00 15 5d d6 62 1b ......Hyper-V Virtual Ethernet Adapter #4
        ===========================================================================

        IPv4 Route Table
        ===========================================================================
        Active Routes:
        Network Destination        Netmask          Gateway       Interface  Metric
                  0.0.0.0          0.0.0.0     172.21.192.1   172.21.201.154    756
        ===========================================================================
        Persistent Routes:
          None
        PS C:\\pf2>
        """
    let evidence = try EvidenceImporters.read(try EvidenceText(input))
    #expect(evidence.kind == .routePrint)
    #expect(evidence.skipped.isEmpty)
    #expect(evidence.facts["route.default-gateways"] == .number(1))
  }
}
