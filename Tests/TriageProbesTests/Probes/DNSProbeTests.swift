import Foundation
import Testing
import TriageKit

@testable import TriageProbes

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The DNS probe against a responder on 127.0.0.1 that the test runs itself; the system resolver is
/// replaced, so nothing leaves the machine.
@Suite("dns probe")
struct DNSProbeTests {
  /// A probe asking only `servers`, with a stand-in system resolver (or none).
  func probe(
    _ name: String, servers: [String], timeout: Double = 1,
    system: (@Sendable (String) -> SystemLookup)? = nil
  ) -> DNSProbe {
    DNSProbe(
      name: name, servers: servers, timeout: timeout, files: .fixed([:]), systemLookup: system)
  }

  func status(of result: ProbeResult, server index: Int = 0) -> String? {
    result.json["servers"]?.arrayValue?[index]["status"]?.stringValue
  }

  @Test(arguments: [
    ("a.test", "ok"), ("cname.test", "ok"), ("nodata.test", "ok"), ("nx.test", "nxdomain"),
    ("fail.test", "servfail"), ("refused.test", "refused"), ("formerr.test", "formerr"),
  ])
  func eachReplyIsClassified(name: String, expected: String) async throws {
    let responder = try LoopbackDNSResponder()
    let result = await probe(name, servers: [responder.server]).run()
    #expect(result.status == .ok)
    #expect(status(of: result) == expected)
    #expect(result.facts["nslookup.status"] == .string(expected))
    #expect(result.facts["dns.servers-answering"] == .number(1))
    #expect(result.facts["dns.servers-timing-out"] == .number(0))
    let server = try #require(result.json["servers"]?.arrayValue?.first)
    #expect(server["latency_ms"] != .null)
    #expect(server["port"]?.intValue == responder.port)
    #expect(responder.received == [name])
  }

  @Test func aRecordsAreRead() async throws {
    let responder = try LoopbackDNSResponder()
    let plain = await probe("a.test", servers: [responder.server]).run()
    #expect(
      plain.json["servers"]?.arrayValue?.first?["addresses"] == .array(["192.0.2.1", "192.0.2.2"]))
    #expect(plain.figures.contains { $0.contains("A 192.0.2.1, 192.0.2.2") })
    let viaCNAME = await probe("cname.test", servers: [responder.server]).run()
    #expect(viaCNAME.json["servers"]?.arrayValue?.first?["addresses"] == .array(["192.0.2.3"]))
    let noData = await probe("nodata.test", servers: [responder.server]).run()
    #expect(noData.figures.contains { $0.contains("but no A record") })
  }

  @Test(arguments: ["silent.test", "wrongid.test"])
  func noMatchingReplyIsATimeoutAfterOneResend(name: String) async throws {
    let responder = try LoopbackDNSResponder()
    let result = await probe(name, servers: [responder.server], timeout: 0.3).run()
    #expect(status(of: result) == "timeout")
    #expect(result.facts["nslookup.status"] == .string("timeout"))
    #expect(result.facts["dns.servers-answering"] == .number(0))
    #expect(result.facts["dns.servers-timing-out"] == .number(1))
    #expect(result.json["servers"]?.arrayValue?.first?["attempts"]?.intValue == 2)
    #expect(result.json["servers"]?.arrayValue?.first?["latency_ms"] == .null)
  }

  @Test func aClosedPortIsNoResponse() async throws {
    // A UDP port bound and closed again: the kernel answers queries there with port unreachable.
    let closed: String
    do {
      let responder = try LoopbackDNSResponder()
      closed = responder.server
    }
    let result = await probe("a.test", servers: [closed], timeout: 1).run()
    #expect(status(of: result) == "no-response")
    #expect(result.facts["nslookup.status"] == .string("no-response"))
    #expect(result.facts["dns.servers-answering"] == .number(0))
  }

  @Test func overallStatusIsOkWhenAnyServerSaysOk() async throws {
    let silent = try LoopbackDNSResponder(silent: true)
    let answering = try LoopbackDNSResponder()
    let result = await probe("a.test", servers: [silent.server, answering.server], timeout: 0.3)
      .run()
    #expect(result.facts["nslookup.status"] == .string("ok"))
    #expect(result.facts["dns.servers-answering"] == .number(1))
    #expect(result.facts["dns.servers-timing-out"] == .number(1))
    #expect(status(of: result, server: 0) == "timeout")
    #expect(status(of: result, server: 1) == "ok")
    #expect(result.figures.last == "1 of 2 servers answered; 1 timed out")
  }

  @Test func withoutAnOkTheFirstServerSpeaksUnlessAllTimedOut() async throws {
    let answering = try LoopbackDNSResponder()
    let silent = try LoopbackDNSResponder(silent: true)
    let first = await probe("nx.test", servers: [answering.server, silent.server], timeout: 0.3)
      .run()
    #expect(first.facts["nslookup.status"] == .string("nxdomain"))
    let other = try LoopbackDNSResponder(silent: true)
    let all = await probe("a.test", servers: [silent.server, other.server], timeout: 0.3).run()
    #expect(all.facts["nslookup.status"] == .string("timeout"))
    #expect(all.facts["dns.servers-timing-out"] == .number(2))
  }

  @Test func overallStatusRules() throws {
    let server = try DNSServer(parsing: "192.0.2.53", role: .given)
    func answer(_ status: DNSServerAnswer.Status) -> DNSServerAnswer {
      DNSServerAnswer(
        server: server, status: status, milliseconds: nil, addresses: [], attempts: 1,
        truncated: false, transcript: [])
    }
    #expect(DNSProbe.overallStatus([]) == nil)
    #expect(DNSProbe.overallStatus([answer(.timeout), answer(.ok)]) == "ok")
    #expect(DNSProbe.overallStatus([answer(.timeout), answer(.timeout)]) == "timeout")
    #expect(DNSProbe.overallStatus([answer(.nxdomain), answer(.timeout)]) == "nxdomain")
    #expect(DNSProbe.overallStatus([answer(.timeout), answer(.servfail)]) == "timeout")
    #expect(DNSProbe.overallStatus([answer(.refused), answer(.servfail)]) == "refused")
  }

  @Test func systemResolverAnswerIsReported() async throws {
    let responder = try LoopbackDNSResponder()
    // The lookup answers at once; the generous timeout is for a loaded machine, where the thread
    // that waits for it can be scheduled late (it timed out at 1 s under a load of 10 on 2 cores).
    let result = await probe(
      "a.test", servers: [responder.server], timeout: 10,
      system: { _ in .addresses(["192.0.2.9"]) }
    ).run()
    let system = try #require(result.json["system"])
    #expect(system["status"] == "ok")
    #expect(system["addresses"] == .array(["192.0.2.9"]))
    #expect(result.figures.first?.hasPrefix("system resolver (getaddrinfo): 192.0.2.9") == true)
  }

  @Test func aHangingSystemResolverIsLeftBehindAtTheTimeout() async throws {
    let responder = try LoopbackDNSResponder()
    let release = DispatchSemaphore(value: 0)
    let result = await probe(
      "a.test", servers: [responder.server], timeout: 0.2,
      system: { _ in
        release.wait()
        return .addresses(["192.0.2.9"])
      }
    ).run()
    release.signal()
    let system = try #require(result.json["system"])
    #expect(system["status"] == "timeout")
    #expect(system["note"]?.stringValue?.contains("cannot be cancelled") == true)
    #expect(status(of: result) == "ok")
  }

  @Test func systemResolverFailuresAreNamed() {
    #expect(SystemLookup.notFound("Name or service not known").name == "not-found")
    #expect(SystemLookup.temporaryFailure("x").name == "temporary-failure")
  }

  @Test func serversComeFromResolvConfAndBehindTheStubFromResolved() throws {
    let files = SystemFiles.fixed([
      "/etc/resolv.conf": try Fixtures.text("resolv/stub-resolv.conf"),
      "/run/systemd/resolve/resolv.conf": try Fixtures.text("resolv/resolved-resolv.conf"),
    ])
    let targets = try DNSProbe(
      name: "a.test", servers: [], timeout: 1, files: files, systemLookup: nil
    ).targets()
    #expect(targets.map(\.display) == ["127.0.0.53", "192.0.2.53", "2001:db8::53"])
    #expect(targets.map(\.role) == [.configured, .upstream, .upstream])
  }

  @Test func noServerToAskFails() async {
    let result = await DNSProbe(
      name: "a.test", servers: [], timeout: 1, files: .fixed(["/etc/resolv.conf": "# none\n"]),
      systemLookup: nil
    ).run()
    #expect(
      result.status
        == .failed("no DNS server to ask: '/etc/resolv.conf' names none and no --server was given"))
    #expect(result.facts.isEmpty)
  }

  @Test(arguments: ["bad..name", "", "ünïcode.test", String(repeating: "x", count: 64) + ".test"])
  func invalidNamesFailBeforeAnythingIsSent(name: String) async {
    let result = await probe(name, servers: ["127.0.0.1:9"]).run()
    #expect(result.status.name == "failed")
    #expect(result.status.reason?.hasPrefix("name '") == true)
  }

  @Test(arguments: [
    ("192.0.2.53", "192.0.2.53", 53), ("192.0.2.53:5353", "192.0.2.53", 5353),
    ("2001:db8::53", "2001:db8::53", 53), ("[2001:db8::53]:5353", "2001:db8::53", 5353),
    ("[::1]", "::1", 53),
  ])
  func serverAddressesParse(text: String, host: String, port: Int) throws {
    let server = try DNSServer(parsing: text, role: .given)
    #expect(server.host == host)
    #expect(server.port == port)
  }

  @Test(arguments: ["dns.example", "192.0.2.53:0", "192.0.2.53:x", "[::1", "[::1]:70000"])
  func serverNamesAreRefused(text: String) {
    #expect(throws: ObservationError.self) { try DNSServer(parsing: text, role: .given) }
  }

  @Test func queryBytesAreAnARecordQueryWithRecursionDesired() throws {
    let bytes = try DNSMessage.query(name: "a.test.", id: 0xBEEF)
    #expect(
      bytes == [
        0xBE, 0xEF, 0x01, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
        1, UInt8(ascii: "a"), 4, UInt8(ascii: "t"), UInt8(ascii: "e"), UInt8(ascii: "s"),
        UInt8(ascii: "t"), 0, 0x00, 0x01, 0x00, 0x01,
      ])
  }

  @Test func repliesThatRunPastTheirEndAreRejected() {
    let header: [UInt8] = [0xBE, 0xEF, 0x81, 0x80, 0x00, 0x01, 0x00, 0x01, 0, 0, 0, 0]
    let question: [UInt8] = [1, 0x61, 0, 0x00, 0x01, 0x00, 0x01]
    let answer: [UInt8] = [0xC0, 0x0C, 0x00, 0x01, 0x00, 0x01, 0, 0, 0, 60, 0x00, 0x04, 192, 0, 2]
    #expect(DNSMessage.reply(header) == nil)
    #expect(DNSMessage.reply(header + question + answer) == nil)
    let whole = DNSMessage.reply(header + question + answer + [7])
    #expect(whole?.addresses == ["192.0.2.7"])
    #expect(whole?.id == 0xBEEF)
    #expect(whole?.isResponse == true)
  }
}
