import Testing
import TriageKit

@testable import TriageProbes

/// The interfaces probe on fixture route tables and resolv.conf, with interface lists the test
/// gives it; and once on this machine.
@Suite("interfaces probe")
struct InterfacesProbeTests {
  static let loopback = [
    InterfaceAddress(
      interface: "lo", family: .ipv4, address: "127.0.0.1", prefixLength: 8, isUp: true,
      isLoopback: true),
    InterfaceAddress(
      interface: "lo", family: .ipv6, address: "::1", prefixLength: 128, isUp: true,
      isLoopback: true),
  ]

  func run(
    files: [String: String], addresses: [InterfaceAddress]
  ) async -> ProbeResult {
    await InterfacesProbe(files: .fixed(files), interfaces: { .success(addresses) }).run()
  }

  @Test func anOrdinaryHostHasAGatewayAndDNS() async throws {
    let addresses =
      Self.loopback + [
        InterfaceAddress(
          interface: "ens33", family: .ipv4, address: "192.168.71.130", prefixLength: 24,
          isUp: true, isLoopback: false),
        InterfaceAddress(
          interface: "ens33", family: .ipv6, address: "fe80::20c:29ff:fea4:e315",
          prefixLength: 64, isUp: true, isLoopback: false),
      ]
    let result = await run(
      files: [
        "/proc/net/route": try Fixtures.text("proc/net_route"),
        "/proc/net/ipv6_route": try Fixtures.text("proc/net_ipv6_route"),
        "/etc/resolv.conf": try Fixtures.text("resolv/plain-resolv.conf"),
      ], addresses: addresses)
    #expect(result.status == .ok)
    #expect(result.facts["ipconfig.adapters"] == .number(1))
    #expect(result.facts["ipconfig.ipv4"] == .string("192.168.71.130"))
    #expect(result.facts["ipconfig.apipa"] == .bool(false))
    #expect(result.facts["ipconfig.gateway"] == .bool(true))
    #expect(result.facts["ipconfig.dns-servers"] == .number(2))
    #expect(result.figures.contains("default gateway (ipv4) 192.168.71.2 via ens33"))
    #expect(result.figures.contains("DNS servers: 192.168.71.2, 192.168.71.3"))
    #expect(
      result.figures.contains("ens33 (up): 192.168.71.130/24, fe80::20c:29ff:fea4:e315/64"))
    #expect(!result.figures.contains { $0.hasPrefix("lo ") })
    #expect(result.json["primary"] == "ens33")
    // The IPv6 table of the fixture has only the kernel's reject default on lo: no IPv6 gateway.
    #expect(result.json["gateways"]?.arrayValue?.count == 1)
  }

  @Test func apipaAndNoGatewayAreFlagged() async throws {
    let addresses =
      Self.loopback + [
        InterfaceAddress(
          interface: "eth0", family: .ipv4, address: "169.254.12.7", prefixLength: 16,
          isUp: true, isLoopback: false)
      ]
    let result = await run(
      files: [
        "/proc/net/route": try Fixtures.text("composed/net_route-apipa-no-default"),
        "/etc/resolv.conf": "",
      ], addresses: addresses)
    #expect(result.facts["ipconfig.apipa"] == .bool(true))
    #expect(result.facts["ipconfig.gateway"] == .bool(false))
    #expect(result.facts["ipconfig.ipv4"] == .string("169.254.12.7"))
    #expect(result.facts["ipconfig.dns-servers"] == .number(0))
    #expect(result.figures.contains("no default gateway: only the local subnets can be reached"))
    #expect(
      result.figures.contains { $0.hasPrefix("eth0 has 169.254.12.7, a self-assigned (APIPA)") })
    #expect(result.figures.contains("/etc/resolv.conf names no DNS server"))
  }

  @Test func theSystemdStubLeadsToItsUpstreams() async throws {
    let stub = try Fixtures.text("resolv/stub-resolv.conf")
    let upstream = try Fixtures.text("resolv/resolved-resolv.conf")
    let known = await run(
      files: ["/etc/resolv.conf": stub, "/run/systemd/resolve/resolv.conf": upstream],
      addresses: Self.loopback)
    #expect(known.facts["ipconfig.dns-servers"] == .number(2))
    #expect(known.json["dns_stub"] == true)
    #expect(known.json["dns_upstreams"] == .array(["192.0.2.53", "2001:db8::53"]))
    #expect(
      known.figures.contains(
        "DNS goes to systemd-resolved's local stub 127.0.0.53; its upstream servers: "
          + "192.0.2.53, 2001:db8::53"))
    let unknown = await run(files: ["/etc/resolv.conf": stub], addresses: Self.loopback)
    #expect(unknown.facts["ipconfig.dns-servers"] == .number(1))
    #expect(unknown.json["dns_upstreams"] == .null)
    #expect(unknown.figures.contains { $0.contains("upstream servers are unknown") })
  }

  @Test func withoutRouteTablesTheGatewayIsUnknown() async {
    let result = await run(files: [:], addresses: Self.loopback)
    #expect(result.status == .ok)
    #expect(result.facts["ipconfig.gateway"] == nil)
    #expect(result.facts["ipconfig.adapters"] == .number(0))
    #expect(result.facts["ipconfig.ipv4"] == nil)
    #expect(result.json["gateways"] == .null)
    #expect(result.figures.contains("no /etc/resolv.conf: no DNS server configured"))
  }

  @Test func aMalformedRouteTableIsAProblem() async {
    let result = await run(
      files: ["/proc/net/route": "Iface\tDestination\neth0\tzz\n"], addresses: Self.loopback)
    #expect(result.facts["ipconfig.gateway"] == nil)
    #expect(
      result.json["problems"]?.arrayValue?.first?.stringValue?.hasPrefix("'/proc/net/route' line 2")
        == true)
  }

  @Test func ipv6DefaultRoutesAreRead() throws {
    let text =
      "00000000000000000000000000000000 00 00000000000000000000000000000000 00 "
      + "fe800000000000000000000000000001 00000400 00000002 00000000 00000003     eth0\n"
    let routes = try RouteTable.ipv6Defaults(text)
    #expect(routes == [.init(family: .ipv6, interface: "eth0", gateway: "fe80::1")])
  }

  @Test func aFailingGetifaddrsFailsTheProbe() async {
    let result = await InterfacesProbe(
      files: .fixed([:]), interfaces: { .failure(.system(call: "getifaddrs", code: 12)) }
    ).run()
    #expect(result.status.name == "failed")
    #expect(result.status.reason?.hasPrefix("getifaddrs failed") == true)
  }

  @Test func readsThisMachine() async {
    let result = await InterfacesProbe().run()
    #expect(result.status == .ok)
    let names = result.json["interfaces"]?.arrayValue?.compactMap { $0["name"]?.stringValue }
    #expect(names?.contains("lo") == true)
    #expect(result.facts["ipconfig.adapters"] != nil)
  }
}
