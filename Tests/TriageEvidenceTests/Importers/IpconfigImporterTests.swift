import Testing
import TriageKit

@testable import TriageEvidence

@Suite struct IpconfigImporterTests {
  typealias Fixtures = ImporterChecks

  /// Figures counted by hand and with a separate script from the fixture files.
  struct Expected: Sendable, CustomStringConvertible {
    var file: String
    var adapters: Int
    var withIPv4: Int
    var ipv4: String
    var inUse: String
    var gateway: Bool
    var dnsServers: Int?
    var description: String { file }
  }

  static let expected: [Expected] = [
    .init(
      file: "windows-xp-all.txt", adapters: 1, withIPv4: 1, ipv4: "192.168.22.135",
      inUse: "Local Area Connection", gateway: true, dnsServers: 1),
    .init(
      file: "windows-7-all.txt", adapters: 2, withIPv4: 1, ipv4: "192.168.22.33",
      inUse: "Local Area Connection", gateway: true, dnsServers: 1),
    .init(
      file: "windows-2008-all.txt", adapters: 2, withIPv4: 1, ipv4: "192.168.23.154",
      inUse: "Local Area Connection", gateway: true, dnsServers: 1),
    .init(
      file: "windows-2016-all.txt", adapters: 2, withIPv4: 1, ipv4: "192.168.22.153",
      inUse: "Ethernet0", gateway: true, dnsServers: 1),
    .init(
      file: "windows-10-all.txt", adapters: 3, withIPv4: 2, ipv4: "10.50.13.132",
      inUse: "Ethernet 2", gateway: true, dnsServers: 1),
    .init(
      file: "windows-11-all.txt", adapters: 10, withIPv4: 3, ipv4: "192.168.1.169",
      inUse: "Wi-Fi", gateway: true, dnsServers: 1),
    .init(
      file: "windows-11-plain-apipa.txt", adapters: 4, withIPv4: 1, ipv4: "169.254.235.4",
      inUse: "Wi-Fi", gateway: true, dnsServers: nil),
    .init(
      file: "ctf-notes-all-without-header.txt", adapters: 1, withIPv4: 1,
      ipv4: "192.168.137.131", inUse: "Ethernet0", gateway: false, dnsServers: 1),
  ]

  @Test func everyFixtureHasExpectedFigures() {
    #expect(Set(Fixtures.names(.ipconfig)) == Set(Self.expected.map(\.file)))
  }

  @Test(arguments: expected) func realOutput(_ expected: Expected) throws {
    let evidence = try Fixtures.read(.ipconfig, expected.file)
    let adapters = Fixtures.value(evidence, "adapters")?.arrayValue ?? []
    #expect(adapters.count == expected.adapters)
    #expect(evidence.facts["ipconfig.adapters"] == .number(Double(expected.withIPv4)))
    #expect(evidence.facts["ipconfig.ipv4"] == .string(expected.ipv4))
    #expect(evidence.facts["ipconfig.apipa"] == .bool(expected.ipv4.hasPrefix("169.254.")))
    #expect(evidence.facts["ipconfig.gateway"] == .bool(expected.gateway))
    #expect(
      evidence.facts["ipconfig.dns-servers"] == expected.dnsServers.map { .number(Double($0)) })
    #expect(evidence.figures.contains { $0.contains("'\(expected.inUse)': \(expected.ipv4)") })
    let inUse = adapters.first { $0["name"]?.stringValue == expected.inUse }
    #expect(inUse?["ipv4"]?.stringValue == expected.ipv4)
  }

  @Test func windows10FieldsInContractOrder() throws {
    let evidence = try Fixtures.read(.ipconfig, "windows-10-all.txt")
    #expect(evidence.format == "windows-ipconfig-all")
    let adapters = Fixtures.value(evidence, "adapters")?.arrayValue ?? []
    guard adapters.count == 3 else {
      Issue.record("expected 3 adapters")
      return
    }
    guard case .object(let pairs) = adapters[1] else {
      Issue.record("adapter is not an object")
      return
    }
    #expect(
      pairs.map(\.key) == [
        "name", "ipv4", "subnet_mask", "default_gateway", "dns_servers", "dhcp_enabled",
        "media_disconnected",
      ])
    #expect(adapters[1]["name"] == "Ethernet 2")
    #expect(adapters[1]["subnet_mask"] == "255.255.255.0")
    #expect(adapters[1]["default_gateway"] == "10.50.13.1")
    #expect(adapters[1]["dns_servers"] == .array(["10.50.13.1"]))
    #expect(adapters[1]["dhcp_enabled"] == true)
    // The tunnel's DNS servers continue on three lines, with IPv6 scope IDs.
    #expect(
      adapters[0]["dns_servers"]
        == .array(["fec0:0:0:ffff::1%1", "fec0:0:0:ffff::2%1", "fec0:0:0:ffff::3%1"]))
    #expect(adapters[0]["default_gateway"] == .null)
    #expect(adapters[2]["media_disconnected"] == true)
    #expect(adapters[2]["ipv4"] == .null)
  }

  @Test func plainIpconfigHasNoDNSOrDHCP() throws {
    let evidence = try Fixtures.read(.ipconfig, "windows-11-plain-apipa.txt")
    #expect(evidence.format == "windows-ipconfig")
    let wifi = Fixtures.value(evidence, "adapters")?.arrayValue?[2]
    #expect(wifi?["name"] == "Wi-Fi")
    #expect(wifi?["dns_servers"] == .null)
    #expect(wifi?["dhcp_enabled"] == .null)
    // Only an IPv6 gateway: it is reported, the address stays APIPA.
    #expect(wifi?["default_gateway"] == "fe80::eedd:24ff:fe3d:ced5%18")
    #expect(evidence.facts["ipconfig.dns-servers"] == nil)
    #expect(evidence.figures.contains { $0.contains("APIPA") })
  }

  @Test func gatewayContinuationPrefersIPv4() throws {
    let evidence = try IpconfigImporter.read(
      EvidenceText(IpconfigImporter.examples[0].input))
    let ethernet = Fixtures.value(evidence, "adapters")?.arrayValue?.first
    #expect(ethernet?["default_gateway"] == "10.0.0.1")
    #expect(ethernet?["dns_servers"] == .array(["10.0.0.10", "10.0.0.11"]))
  }

  @Test func xpListsIPv6UnderIPAddress() throws {
    let evidence = try IpconfigImporter.read(EvidenceText(IpconfigImporter.examples[2].input))
    let adapter = Fixtures.value(evidence, "adapters")?.arrayValue?.first
    #expect(adapter?["ipv4"] == "192.168.10.25")
    #expect(adapter?["dhcp_enabled"] == false)
  }

  @Test func adapterWithGatewayWinsOverEarlierAdapter() throws {
    let text = try EvidenceText(
      """
      Windows IP Configuration

      Ethernet adapter VirtualBox Host-Only Network:

         IPv4 Address. . . . . . . . . . . : 192.168.56.1
         Subnet Mask . . . . . . . . . . . : 255.255.255.0
         Default Gateway . . . . . . . . . :

      Ethernet adapter Ethernet:

         IPv4 Address. . . . . . . . . . . : 10.1.2.3(Preferred)
         Subnet Mask . . . . . . . . . . . : 255.255.0.0
         Default Gateway . . . . . . . . . : 10.1.0.1
      """)
    let evidence = try IpconfigImporter.read(text)
    #expect(evidence.facts["ipconfig.ipv4"] == .string("10.1.2.3"))
    #expect(evidence.facts["ipconfig.adapters"] == .number(2))
  }

  @Test func outputOfAnotherCommandIsPassedOver() throws {
    let text = try EvidenceText(
      """
      C:\\Users\\ops>ipconfig

      Windows IP Configuration

      Ethernet adapter Ethernet:

         IPv4 Address. . . . . . . . . . . : 10.0.0.5
         Subnet Mask . . . . . . . . . . . : 255.255.255.0
         Default Gateway . . . . . . . . . : 10.0.0.1

      C:\\Users\\ops>ping -n 1 10.0.0.1

      Pinging 10.0.0.1 with 32 bytes of data:
      Request timed out.

      C:\\Users\\ops>
      """)
    let evidence = try IpconfigImporter.read(text)
    #expect(evidence.facts["ipconfig.ipv4"] == .string("10.0.0.5"))
    #expect(evidence.facts["ipconfig.gateway"] == .bool(true))
  }

  @Test func garbledLineInsideAnAdapterNamesTheLine() throws {
    let text = try EvidenceText(
      """
      Windows IP Configuration

      Ethernet adapter Ethernet:

         IPv4 Address. . . . . . . . . . . : 10.0.0.5
         this line does not belong here
         Subnet Mask . . . . . . . . . . . : 255.255.255.0
      """)
    #expect {
      try IpconfigImporter.read(text)
    } throws: { error in
      let error = error as? EvidenceError
      return error?.line == 6 && error?.reason == .garbled
        && error?.message.hasPrefix("expected a 'Name . . . : value' line") == true
    }
  }

  @Test func badAddressNamesLineAndColumn() throws {
    let text = try EvidenceText(
      """
      Ethernet adapter Ethernet:

         IPv4 Address. . . . . . . . . . . : 10.0.0.
      """)
    #expect {
      try IpconfigImporter.read(text)
    } throws: { error in
      let error = error as? EvidenceError
      return error?.line == 3 && error?.column == 40
        && error?.message == "expected an IPv4 address, found '10.0.0.'"
    }
  }

  @Test func inputCutAfterAnAdapterHeaderIsTruncated() throws {
    let text = try EvidenceText(
      """
      Windows IP Configuration

      Ethernet adapter Ethernet:

         IPv4 Address. . . . . . . . . . . : 10.0.0.5

      Wireless LAN adapter Wi-Fi:
      """)
    #expect {
      try IpconfigImporter.read(text)
    } throws: { error in
      (error as? EvidenceError)?.reason == .truncated && (error as? EvidenceError)?.line == 7
    }
  }

  @Test func headerWithoutAdaptersIsAnError() throws {
    #expect {
      try IpconfigImporter.read(EvidenceText("\nWindows IP Configuration\n\n"))
    } throws: { error in
      (error as? EvidenceError)?.message.hasPrefix("no adapter found") == true
    }
  }

  @Test(arguments: ImporterChecks.names(.ipconfig)) func detected(_ name: String) throws {
    try Fixtures.checkDetection(.ipconfig, name, importer: IpconfigImporter.self)
  }

  @Test(arguments: ImporterChecks.names(.ipconfig)) func utf16AndCRLFReadTheSame(
    _ name: String
  ) throws {
    try Fixtures.checkEncodings(.ipconfig, name)
  }

  @Test(arguments: ImporterChecks.names(.ipconfig)) func robustness(_ name: String) throws {
    let bytes = try Fixtures.bytes(.ipconfig, name)
    try Fixtures.checkRobustness(bytes, importer: IpconfigImporter.self, seed: 0x1C0F) { evidence in
      !(Fixtures.value(evidence, "adapters")?.arrayValue ?? []).isEmpty
    }
  }

  @Test func doesNotClaimOtherWindowsOutputs() throws {
    for sample in Fixtures.otherKinds {
      try Fixtures.expectNoClaim(IpconfigImporter.self, sample)
    }
  }
}
