import Testing
import TriageEvidence
import TriageKit

@Suite("netsh dynamic port range")
struct DynamicPortRangeReaderTests {
  @Test func readsTheVistaDefault() throws {
    let text = try EvidenceText(
      "\r\nProtocol tcp Dynamic Port Range\r\n---------------------------------\r\nStart Port      : 49152\r\nNumber of Ports : 16384\r\n",
      source: "d.txt")
    let observation = try DynamicPortRangeReader.read(text)
    #expect(observation.facts["limits.port-range-low"] == .number(49152))
    #expect(observation.facts["limits.port-range-high"] == .number(65535))
    #expect(observation.facts["limits.port-range-size"] == .number(16384))
    #expect(observation.figures.first == "dynamic TCP ports 49152–65535 (16,384 ports)")
  }

  @Test func aValueThatIsNotANumberNamesItsLine() throws {
    let text = try EvidenceText(
      "Protocol tcp Dynamic Port Range\n--------\nStart Port      : lots\n", source: "d.txt")
    #expect(throws: EvidenceError.self) { try DynamicPortRangeReader.read(text) }
    do {
      _ = try DynamicPortRangeReader.read(text)
    } catch {
      #expect(error.line == 3)
      #expect(error.message == "expected a port number after 'Start Port', found 'lots'")
    }
  }

  @Test func outputWithoutTheFieldsIsRefused() throws {
    let text = try EvidenceText(
      "The following command was not found: int ipv4 show dynamicport tcp.\n")
    #expect(throws: EvidenceError.self) { try DynamicPortRangeReader.read(text) }
  }
}

@Suite("Kernel log lines")
struct KernelLogReaderTests {
  // Message texts as the kernel prints them (net/netfilter/nf_conntrack_core.c,
  // net/ipv4/tcp_input.c, net/ipv4/tcp.c); the timestamps are made up.
  @Test func countsEachSignature() throws {
    let text = try EvidenceText(
      """
      # kernel log lines about connection limits, from /dev/kmsg
      [12345.678] nf_conntrack: nf_conntrack: table full, dropping packet
      [12345.679] nf_conntrack: nf_conntrack: table full, dropping packet
      [12400.001] TCP: request_sock_TCP: Possible SYN flooding on port 445. Sending cookies.  Check SNMP counters.
      [12500.000] TCP: too many orphaned sockets
      """, source: "k.txt")
    let observation = KernelLogReader.read(text)
    #expect(observation.facts["kernel.conntrack-full"] == .number(2))
    #expect(observation.facts["kernel.syn-flooding"] == .number(1))
    #expect(observation.facts["kernel.orphaned-sockets"] == .number(1))
    #expect(observation.facts["kernel.tcp-out-of-memory"] == .number(0))
  }

  @Test func anEmptyLogIsAFindingOfZero() throws {
    let text = try EvidenceText(
      "# kernel log lines about connection limits, from /dev/kmsg\n# 812 lines read, 0 kept\n")
    let observation = KernelLogReader.read(text)
    #expect(observation.facts["kernel.conntrack-full"] == .number(0))
    #expect(observation.figures.count == 1)
  }
}
