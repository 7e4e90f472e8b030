import Testing
import TriageKit

@testable import TriageEvidence

@Suite struct ConnectionTallyTests {
  private func add(
    _ tally: inout ConnectionTally, _ state: TCPState, _ address: String, _ port: Int?,
    pid: Int? = nil
  ) {
    tally.addTCP(state: state, remoteAddress: ArraySlice(address.utf8), remotePort: port, pid: pid)
  }

  @Test func fieldsAreInContractOrderWithNumericKeys() {
    var tally = ConnectionTally()
    tally.listsProcesses = true
    add(&tally, .listen, "0.0.0.0", 0, pid: 4)
    add(&tally, .timeWait, "10.0.0.9", 10000, pid: 0)
    add(&tally, .synSent, "10.0.0.9", 445, pid: 900)
    add(&tally, .established, "10.0.0.10", 9, pid: 900)
    let evidence = tally.evidence(kind: .netstat, format: "test", lines: 4)
    #expect(
      evidence.fields.map(\.key) == [
        "connections", "states", "remote_ports", "remote_hosts", "pids",
      ])
    #expect(evidence.keys("states") == ["ESTABLISHED", "SYN_SENT", "TIME_WAIT", "LISTEN"])
    #expect(evidence.keys("remote_ports") == ["9", "445", "10000"])
    #expect(evidence.keys("pids") == ["0", "4", "900"])
    #expect(evidence[field: "connections"] == 4)
    #expect(evidence.json["kind"] == "netstat")
  }

  @Test func everyStateFactIsPresentAndListenIsNotAConnection() {
    var tally = ConnectionTally()
    add(&tally, .listen, "::", nil)
    add(&tally, .synSent, "10.0.0.9", 139)
    let facts = tally.evidence(kind: .ss, format: "test", lines: 2).facts
    for state in TCPState.allCases {
      #expect(facts["tcp.\(state.factName)"] != nil)
    }
    #expect(facts["tcp.connections"] == .number(1))
    #expect(facts["tcp.syn-sent-smb"] == .number(1))
    #expect(facts["tcp.established-smb"] == .number(0))
    #expect(facts["tcp.fin-wait-2"] == .number(0))
  }

  @Test func wildcardsAndListenersAreNotRemoteHostsOrPorts() {
    var tally = ConnectionTally()
    add(&tally, .listen, "10.0.0.99", 445)
    add(&tally, .closed, "0.0.0.0", 0)
    add(&tally, .closed, "*", nil)
    add(&tally, .closed, "[::]", 0)
    add(&tally, .established, "10.0.0.9", nil)
    let evidence = tally.evidence(kind: .netstat, format: "test", lines: 5)
    #expect(evidence[field: "remote_hosts"] == 1)
    #expect(evidence.counts("remote_ports").isEmpty)
  }

  @Test func oneHostWhateverItsSpelling() {
    #expect(
      ConnectionTally.hostKey(ArraySlice("[::ffff:10.0.0.9]".utf8)).elementsEqual("10.0.0.9".utf8))
    #expect(
      ConnectionTally.hostKey(ArraySlice("::FFFF:10.0.0.9".utf8)).elementsEqual("10.0.0.9".utf8))
    #expect(ConnectionTally.hostKey(ArraySlice("fe80::1%4".utf8)).elementsEqual("fe80::1".utf8))
    #expect(
      ConnectionTally.hostKey(ArraySlice("[fe80::1]%eth0".utf8)).elementsEqual("fe80::1".utf8))
    #expect(ConnectionTally.hostKey(ArraySlice("::ffff".utf8)).elementsEqual("::ffff".utf8))
  }

  @Test func figuresLargestFirstWithThousandsSeparators() {
    var tally = ConnectionTally()
    for index in 0..<1214 { add(&tally, .timeWait, "10.0.\(index / 250).\(index % 250)", 445) }
    for _ in 0..<11 { add(&tally, .synSent, "10.1.0.1", 445) }
    for _ in 0..<11 { add(&tally, .established, "10.1.0.2", 139) }
    #expect(
      tally.evidence(kind: .netstat, format: "test", lines: 1).figures == [
        "1,214 TIME_WAIT", "11 ESTABLISHED", "11 SYN_SENT", "11 ESTABLISHED to 445/139",
        "11 SYN_SENT to 445/139", "1,216 remote hosts",
      ])
  }

  @Test func ipv4HostsAndOthersCountTogether() {
    var tally = ConnectionTally()
    for index in 0..<5000 {
      add(&tally, .synSent, "10.\(index / 65536).\(index / 256 % 256).\(index % 256)", 445)
      add(&tally, .synSent, "10.\(index / 65536).\(index / 256 % 256).\(index % 256)", 139)
    }
    add(&tally, .established, "fe80::1%4", 445)
    add(&tally, .established, "[::ffff:10.0.0.1]", 445)  // 10.0.0.1 again
    add(&tally, .established, "fileserver", 445)
    #expect(tally.remoteHostCount == 5002)
  }

  @Test func ipv4Parsing() {
    #expect(ConnectionTally.ipv4(ArraySlice("10.0.0.9".utf8)) == 0x0A00_0009)
    #expect(ConnectionTally.ipv4(ArraySlice("255.255.255.255".utf8)) == 0xFFFF_FFFF)
    #expect(ConnectionTally.ipv4(ArraySlice("256.0.0.1".utf8)) == nil)
    #expect(ConnectionTally.ipv4(ArraySlice("10.0.0".utf8)) == nil)
    #expect(ConnectionTally.ipv4(ArraySlice("10.0.0.9.1".utf8)) == nil)
    #expect(ConnectionTally.ipv4(ArraySlice("10..0.9".utf8)) == nil)
    #expect(ConnectionTally.ipv4(ArraySlice("0010.0.0.9".utf8)) == nil)
    #expect(ConnectionTally.ipv4(ArraySlice("fe80::1".utf8)) == nil)
  }

  @Test func grouping() {
    #expect(FactValue.grouped(0) == "0")
    #expect(FactValue.grouped(999) == "999")
    #expect(FactValue.grouped(1000) == "1,000")
    #expect(FactValue.grouped(1_234_567) == "1,234,567")
  }

  @Test func countsOnlyLeaveRemoteFieldsOut() {
    var tally = ConnectionTally()
    tally.listsEndpoints = false
    tally.addTCP(state: .synSent, count: 3)
    tally.addUDP()
    let evidence = tally.evidence(kind: .getNetTCPConnection, format: "test", lines: 1)
    #expect(evidence.fields.map(\.key) == ["connections", "states"])
    #expect(evidence.facts["tcp.remote-hosts"] == nil)
    #expect(evidence.facts["tcp.syn-sent"] == .number(3))
    #expect(tally.udpRows == 1)
    #expect(tally.tcpRows == 3)
  }
}
