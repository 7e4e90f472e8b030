import Foundation
import Testing
import TriageKit

@testable import TriageProbes

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The census on a loopback situation the test makes itself: a listener and N accepted clients.
@Suite("census probe")
struct CensusProbeTests {
  static let families: [Int32] = [AF_INET, AF_INET6]

  #if os(Linux)
    @Test(arguments: families)
    func netlinkSeesTheTestsOwnConnections(family: Int32) throws {
      let clients = 5
      let situation = try LoopbackConnections(family: family, clients: clients)
      let records = try SockDiag.sockets()
      let toListener = records.filter {
        $0.state == .established && $0.remotePort == situation.port
          && $0.remoteAddress == situation.address
      }
      #expect(toListener.count >= clients)
      let listener = records.filter { $0.state == .listen && $0.localPort == situation.port }
      #expect(listener.count == 1)
      #expect(listener.first?.localAddress == situation.address)
    }

    @Test(arguments: families)
    func netlinkAndProcAgreeOnTheTestsSockets(family: Int32) throws {
      let situation = try LoopbackConnections(family: family, clients: 4)
      func ours(_ records: [TCPSocketRecord]) -> Set<TCPSocketRecord> {
        Set(records.filter { $0.localPort == situation.port || $0.remotePort == situation.port })
      }
      let netlink = ours(try SockDiag.sockets())
      let proc = ours(try CensusProbe.procSockets(files: .live))
      #expect(netlink.count == 9)
      #expect(netlink == proc)
    }

    @Test func theProbeCountsTheConnectionsAndSaysItsSource() async throws {
      let situation = try LoopbackConnections(family: AF_INET, clients: 3)
      let result = await CensusProbe().run()
      #expect(result.status == .ok)
      #expect(result.json["source"] == "netlink")
      let established = try #require(result.facts["tcp.established"])
      guard case .number(let count) = established else {
        Issue.record("tcp.established is \(established)")
        return
      }
      #expect(count >= 6)
      #expect(result.raw.contains("ESTABLISHED 127.0.0.1:"))
      #expect(result.raw.contains(" 127.0.0.1:\(situation.port)"))
      #expect(result.figures.contains { $0.hasSuffix(" ESTABLISHED") })
      for state in TCPState.allCases {
        #expect(result.facts["tcp.\(state.factName)"] != nil)
      }
    }

    @Test func procSourceIsUsedWhenAsked() async throws {
      let situation = try LoopbackConnections(family: AF_INET, clients: 2)
      let result = await CensusProbe(source: .proc).run()
      #expect(result.status == .ok)
      #expect(result.json["source"] == "proc")
      #expect(result.raw.contains(" 127.0.0.1:\(situation.port)"))
    }

    @Test func automaticUsesNetlinkWhileItWorks() async {
      let result = await CensusProbe(source: .automatic, files: .fixed([:])).run()
      #expect(result.json["source"] == "netlink")
      let procOnly = await CensusProbe(source: .proc, files: .fixed([:])).run()
      #expect(procOnly.status == .failed("cannot read '/proc/net/tcp'"))
    }

    @Test func whenNetlinkFailsProcIsReadAndTheDataSaysWhy() async throws {
      let files = SystemFiles.fixed([
        "/proc/net/tcp": try Fixtures.text("proc/net_tcp"),
        "/proc/net/tcp6": try Fixtures.text("proc/net_tcp6"),
      ])
      let refused: @Sendable () -> Result<[TCPSocketRecord], ObservationError> = {
        .failure(.system(call: "socket(AF_NETLINK, NETLINK_SOCK_DIAG)", code: EACCES))
      }
      let result = await CensusProbe(source: .automatic, files: files, readNetlink: refused).run()
      #expect(result.status == .ok)
      #expect(result.json["source"] == "proc")
      let note = result.json["notes"]?.arrayValue?.first?.stringValue
      #expect(
        note?.hasPrefix("netlink sock_diag failed (socket(AF_NETLINK, NETLINK_SOCK_DIAG)") == true)
      #expect(result.facts["tcp.time-wait"] == .number(7))
      #expect(result.facts["tcp.close-wait"] == .number(1))
      #expect(result.facts["tcp.listen"] == .number(4))
      #expect(result.facts["tcp.connections"] == .number(8))
      let netlinkOnly = await CensusProbe(source: .netlink, files: files, readNetlink: refused)
        .run()
      #expect(netlinkOnly.status.name == "failed")
      #expect(netlinkOnly.status.reason?.hasPrefix("netlink sock_diag: socket(") == true)
    }
  #else
    @Test func doesNotRunOutsideLinux() async {
      let result = await CensusProbe().run()
      #expect(result.status.name == "not-run")
    }
  #endif

  @Test func censusFactsMatchTheNetstatVocabulary() {
    let records = [
      TCPSocketRecord(
        state: .listen, localAddress: "0.0.0.0", localPort: 445, remoteAddress: "0.0.0.0",
        remotePort: 0),
      TCPSocketRecord(
        state: .established, localAddress: "10.0.0.5", localPort: 50_000,
        remoteAddress: "10.0.0.9", remotePort: 445),
      TCPSocketRecord(
        state: .synSent, localAddress: "10.0.0.5", localPort: 50_001,
        remoteAddress: "10.0.0.10", remotePort: 445),
      TCPSocketRecord(
        state: .synSent, localAddress: "10.0.0.5", localPort: 50_002,
        remoteAddress: "10.0.0.11", remotePort: 139),
      TCPSocketRecord(
        state: .timeWait, localAddress: "::ffff:10.0.0.5", localPort: 50_003,
        remoteAddress: "::ffff:10.0.0.9", remotePort: 443),
    ]
    let census = TCPCensus(records)
    let facts = census.facts
    #expect(facts["tcp.connections"] == .number(4))
    #expect(facts["tcp.listen"] == .number(1))
    #expect(facts["tcp.syn-sent"] == .number(2))
    #expect(facts["tcp.closing"] == .number(0))
    #expect(facts["tcp.established-smb"] == .number(1))
    #expect(facts["tcp.syn-sent-smb"] == .number(2))
    // 10.0.0.9 over IPv4 and as ::ffff:10.0.0.9 is one host.
    #expect(facts["tcp.remote-hosts"] == .number(3))
    #expect(facts.count == 15)
    // An inbound connection to the listener on 445: its remote port is not counted.
    let inbound = TCPCensus(
      records + [
        TCPSocketRecord(
          state: .established, localAddress: "10.0.0.5", localPort: 445,
          remoteAddress: "10.0.0.12", remotePort: 61_000)
      ])
    #expect(inbound.remotePorts[61_000] == nil)
    #expect(inbound.facts["tcp.remote-hosts"] == .number(4))
    #expect(census.rankedPorts.first?.port == 445)
    #expect(
      census.figures.contains(
        "busiest remote ports of outbound connections: 445 (2), 139 (1), 443 (1)"))
    #expect(census.figures.contains("2 SYN_SENT"))
    #expect(census.figures.contains("2 SYN_SENT to SMB (445/139)"))
  }

  @Test func figuresGroupThousands() {
    let records = (0..<1214).map {
      TCPSocketRecord(
        state: .timeWait, localAddress: "10.0.0.5", localPort: 30_000 + $0,
        remoteAddress: "10.0.1.\($0 % 200)", remotePort: 445)
    }
    let census = TCPCensus(records)
    #expect(census.figures.contains("1,214 TIME_WAIT"))
    #expect(census.figures.first == "1,214 connections (not LISTEN) to 200 remote hosts")
  }

  @Test func rawListsAtMostTheLimitAndSaysHowManyMore() {
    let records = (0..<(TCPCensus.rawLines + 5)).map {
      TCPSocketRecord(
        state: .established, localAddress: "10.0.0.5", localPort: 1024 + $0,
        remoteAddress: "10.0.1.1", remotePort: 445)
    }
    let lines = TCPCensus.raw(records).split(separator: "\n")
    #expect(lines.count == TCPCensus.rawLines + 1)
    #expect(lines.last == "… and 5 more")
    #expect(lines.first == "ESTABLISHED 10.0.0.5:1024 10.0.1.1:445")
  }
}
