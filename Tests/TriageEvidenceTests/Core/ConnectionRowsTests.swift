import Testing
import TriageKit

@testable import TriageEvidence

@Suite struct ConnectionRowsTests {
  @Test func stateSpellingsAgreeWithTCPState() {
    for spelling in [
      "ESTABLISHED", "ESTAB", "SYN-SENT", "SynSent", "syn_recv", "SYN_RCVD", "FIN-WAIT-1",
      "FinWait2", "TIME-WAIT", "TimeWait", "CLOSE-WAIT", "LAST_ACK", "CLOSING", "CLOSED", "UNCONN",
      "LISTENING", "Listen", "Bound", "DeleteTCB", "SynReceived",
    ] {
      #expect(ConnectionRows.state(ArraySlice(spelling.utf8)) == TCPState(spelling: spelling))
      #expect(ConnectionRows.state(ArraySlice(spelling.utf8)) != nil)
    }
    #expect(ConnectionRows.state(ArraySlice("FOO".utf8)) == nil)
    #expect(ConnectionRows.state(ArraySlice("ESTABLISHEDESTABLISHED".utf8)) == nil)
    #expect(ConnectionRows.state(ArraySlice("".utf8)) == nil)
  }

  /// Ports people mask before posting (a real nscp forum paste has `<RandomHighPort>`).
  @Test func maskedPortsLeaveTheRowItsAddress() {
    let masked = ConnectionRows.endpoint(
      ArraySlice("<MonitorServerIPAddress>:<RandomHighPort>".utf8))
    #expect(
      masked.map { String(decoding: $0.address, as: UTF8.self) } == "<MonitorServerIPAddress>")
    #expect(masked != nil && masked?.port == nil)
    #expect(ConnectionRows.endpoint(ArraySlice("10.0.0.9:###".utf8)) != nil)
    #expect(ConnectionRows.endpoint(ArraySlice("10.0.0.9:<>".utf8)) == nil)
    #expect(ConnectionRows.endpoint(ArraySlice("10.0.0.9:<a b>".utf8)) == nil)
    #expect(ConnectionRows.endpoint(ArraySlice(":###".utf8)) == nil)
  }

  @Test func endpointsWithServiceNames() {
    #expect(ConnectionRows.endpoint(ArraySlice("10.0.0.9:microsoft-ds".utf8))?.port == 445)
    #expect(ConnectionRows.endpoint(ArraySlice("host.https".utf8), dotted: true)?.port == 443)
    let unknown = ConnectionRows.endpoint(ArraySlice("10.0.0.9:frobnicate".utf8))
    #expect(unknown != nil)
    #expect(unknown?.port == nil)
    #expect(ConnectionRows.endpoint(ArraySlice("10.0.0.9".utf8)) == nil)
    #expect(ConnectionRows.endpoint(ArraySlice(":445".utf8)) == nil)
    #expect(ConnectionRows.endpoint(ArraySlice("10.0.0.9:99999".utf8)) == nil)
  }

  @Test func programColumn() {
    #expect(ConnectionRows.program(ArraySlice("1469/master".utf8)) == .process(1469))
    #expect(ConnectionRows.program(ArraySlice("-".utf8)) == .unknown)
    #expect(ConnectionRows.program(ArraySlice("(7170.91/0/0)".utf8)) == nil)
    #expect(ConnectionRows.program(ArraySlice("/usr/bin".utf8)) == nil)
  }

  @Test func ssProcess() {
    let users = ArraySlice(#"users:(("smbclient",pid=123,fd=3),("x",pid=9,fd=1))"#.utf8)
    #expect(ConnectionRows.ssProcess(in: users) == 123)
    #expect(ConnectionRows.ssProcess(in: ArraySlice("ino:4711 sk:1".utf8)) == nil)
  }

  @Test func fieldBufferSplitsOnSpacesAndTabs() {
    var buffer = FieldBuffer()
    buffer.split(ArraySlice("  TCP\t 10.0.0.5:1   10.0.0.9:445 \t".utf8))
    #expect(
      buffer.fields.map { String(decoding: $0, as: UTF8.self) } == [
        "TCP", "10.0.0.5:1", "10.0.0.9:445",
      ])
    buffer.split(ArraySlice("   ".utf8))
    #expect(buffer.fields.isEmpty)
  }

  @Test func rowErrorsPointAtTheFieldOrJustPastTheRow() throws {
    let text = try EvidenceText("a b\n  c d  \nlast\n\n", source: "t")
    let lines = Array(text.lines)
    let atField = ConnectionRows.rowError("m", line: lines[1], at: lines[1].fields[1], in: text)
    #expect(atField.column == 5)
    #expect(atField.reason == .garbled)
    let missing = ConnectionRows.rowError("m", line: lines[1], in: text)
    #expect(missing.column == 6)
    let last = ConnectionRows.rowError("m", line: lines[2], in: text)
    #expect(last.reason == .truncated)
    #expect(last.message == "the last row is cut off: m")
  }
}
