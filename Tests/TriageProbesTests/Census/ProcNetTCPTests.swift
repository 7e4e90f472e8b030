import Testing
import TriageKit

@testable import TriageProbes

/// `/proc/net/tcp` and `/proc/net/tcp6` text from real machines (Fixtures/proc, see SOURCES.md).
@Suite("/proc/net/tcp parsing")
struct ProcNetTCPTests {
  @Test func ipv4LinesGiveAddressesPortsAndStates() throws {
    let records = try ProcNetTCP.parse(
      try Fixtures.text("proc/net_tcp"), file: "/proc/net/tcp", littleEndianHost: true)
    #expect(records.count == 4)
    #expect(
      records.first
        == TCPSocketRecord(
          state: .listen, localAddress: "127.0.0.53", localPort: 53, remoteAddress: "0.0.0.0",
          remotePort: 0))
    #expect(
      records.last
        == TCPSocketRecord(
          state: .closeWait, localAddress: "192.168.42.128", localPort: 54_352,
          remoteAddress: "152.199.4.33", remotePort: 443))
  }

  @Test func ipv6LinesGiveAddressesInRFC5952Form() throws {
    let records = try ProcNetTCP.parse(
      try Fixtures.text("proc/net_tcp6"), file: "/proc/net/tcp6", littleEndianHost: true)
    #expect(records.count == 8)
    #expect(records[0].state == .listen)
    #expect(records[0].localAddress == "::")
    #expect(records[0].localPort == 22)
    #expect(records[1].state == .timeWait)
    #expect(records[1].localAddress == "2601:646:9e01:f100::3a4c")
    #expect(records[1].localPort == 0xE700)
    #expect(records[1].remoteAddress == "2a03:2880:f131:83:face:b00c:0:25de")
    #expect(records[1].remotePort == 80)
    let census = TCPCensus(records)
    #expect(census.facts["tcp.time-wait"] == .number(7))
    #expect(census.facts["tcp.remote-hosts"] == .number(7))
  }

  @Test func ipv4MappedAndLoopbackIPv6() throws {
    let text = """
        sl  local_address                         remote_address                        st
         0: 0000000000000000FFFF00000100007F:1F90 0000000000000000FFFF00000100007F:A1B2 01 0
         1: 00000000000000000000000001000000:0016 00000000000000000000000000000000:0000 0A 0
      """
    let records = try ProcNetTCP.parse(text, file: "tcp6", littleEndianHost: true)
    #expect(records[0].localAddress == "::ffff:127.0.0.1")
    #expect(records[0].remoteHost == "127.0.0.1")
    #expect(records[1].localAddress == "::1")
    #expect(records[1].remoteHost == nil)
  }

  @Test func newSynRecvCountsAsSynReceived() throws {
    let text = "   0: 0100007F:1F90 0100007F:A1B2 0C 00000000:00000000 00:00000000 00000000\n"
    let records = try ProcNetTCP.parse(text, file: "tcp", littleEndianHost: true)
    #expect(records.map(\.state) == [.synReceived])
  }

  @Test(arguments: [
    (
      "   0: 0100007F:0277 00000000:0000 ZZ 0", "a hex TCP state code ('01'…'0C')", "ZZ"
    ),
    (
      "   0: 0100007:0277 00000000:0000 0A 0",
      "a hex address and port like '0100007F:0277'", "0100007:0277"
    ),
    ("garbage", "'sl: local_address rem_address st …'", "garbage"),
  ])
  func malformedLinesNameTheLineAndWhatWasExpected(
    line: String, expected: String, found: String
  ) {
    let text = "  sl  local_address rem_address   st\n" + line + "\n"
    #expect(
      throws: ObservationError.malformed(file: "tcp", line: 2, expected: expected, found: found)
    ) {
      try ProcNetTCP.parse(text, file: "tcp", littleEndianHost: true)
    }
  }
}
