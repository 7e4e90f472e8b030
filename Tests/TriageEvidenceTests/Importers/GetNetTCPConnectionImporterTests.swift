import Testing
import TriageKit

@testable import TriageEvidence

@Suite struct GetNetTCPConnectionImporterTests {
  let importer = GetNetTCPConnectionImporter.self

  // Counted in the shell: awk '$1 ~ /^[0-9:.]+$/ && NF>=5 {print $5}' … | sort | uniq -c
  @Test func readsRealTableWithEmptyAppliedSetting() throws {
    let evidence = try ConnectionFixture.named("snowcapcyber-table.out").read()
    #expect(evidence.kind == .getNetTCPConnection)
    #expect(evidence.format == "get-nettcpconnection-table")
    // Bound ports are held, not connections, and not CLOSED: counted apart.
    #expect(evidence[field: "connections"] == 5)
    #expect(evidence.counts("states") == ["ESTABLISHED": 2, "CLOSE_WAIT": 1, "LISTEN": 2])
    #expect(evidence[field: "bound"] == 3)
    #expect(evidence.counts("remote_ports") == ["443": 2, "3389": 1])
    #expect(evidence[field: "remote_hosts"] == 3)
    #expect(evidence[field: "pids"] == nil)
    #expect(evidence.number("tcp.connections") == 3)
    #expect(evidence.number("tcp.closed") == 0)
  }

  @Test func readsRealTableWithOwningProcess() throws {
    let evidence = try ConnectionFixture.named("owning-process-table.out").read()
    #expect(evidence[field: "connections"] == 4)
    #expect(evidence.counts("states") == ["ESTABLISHED": 3, "LISTEN": 1])
    #expect(evidence[field: "bound"] == 3)
    #expect(evidence.counts("remote_ports") == ["5432": 2, "54628": 1])
    #expect(evidence[field: "remote_hosts"] == 1)
    #expect(evidence.counts("pids") == ["18732": 7])
  }

  @Test func readsRealStateFilteredTableAfterItsPrompt() throws {
    let evidence = try ConnectionFixture.named("state-listen-established-table.out").read()
    #expect(evidence[field: "connections"] == 5)
    #expect(evidence.counts("states") == ["ESTABLISHED": 3, "LISTEN": 2])
    #expect(evidence.counts("remote_ports") == ["443": 2, "25565": 1])
    #expect(evidence[field: "remote_hosts"] == 3)
    #expect(evidence.counts("pids") == ["308": 1, "3288": 2, "6004": 1, "12172": 1])
    #expect(evidence.figures == ["3 ESTABLISHED", "2 LISTEN", "3 remote hosts"])
  }

  @Test func readsRealFormatListWithNonASCIIValues() throws {
    let evidence = try ConnectionFixture.named("format-list.out").read()
    #expect(evidence.format == "get-nettcpconnection-list")
    #expect(evidence[field: "connections"] == 1)
    #expect(evidence.counts("remote_ports") == ["15490": 1])
    #expect(evidence.counts("pids") == ["21616": 1])
    #expect(evidence.number("tcp.established") == 1)
  }

  @Test func groupObjectGivesCountsOnly() throws {
    let evidence = try readConnections(
      """
      Count Name                      Group
      ----- ----                      -----
       1214 TimeWait                  {MSFT_NetTCPConnection (InstanceID = "10.0.0.5++52100++10...
         11 SynSent                   {MSFT_NetTCPConnection (InstanceID = "10.0.0.5++52312++10...
      """, with: importer)
    #expect(evidence.format == "get-nettcpconnection-group-object")
    #expect(evidence.keys("states") == ["SYN_SENT", "TIME_WAIT"])
    #expect(evidence[field: "remote_ports"] == nil)
    #expect(evidence[field: "remote_hosts"] == nil)
    #expect(evidence.facts["tcp.remote-hosts"] == nil)
    #expect(evidence.facts["tcp.syn-sent-smb"] == nil)
    #expect(evidence.figures == ["1,214 TIME_WAIT", "11 SYN_SENT"])
  }

  @Test func reorderedColumnsWithRightAlignedNumbers() throws {
    let evidence = try readConnections(
      """
      State       OwningProcess RemoteAddress RemotePort LocalAddress LocalPort
      -----       ------------- ------------- ---------- ------------ ---------
      SynSent              2212 10.0.0.9             445 10.0.0.5         52312
      Established          2212 10.0.0.10            139 10.0.0.5         52313
      """, with: importer)
    #expect(evidence.number("tcp.syn-sent-smb") == 1)
    #expect(evidence.number("tcp.established-smb") == 1)
    #expect(evidence.counts("pids") == ["2212": 2])
  }

  @Test func unknownStateIsAnError() throws {
    let input = """
      LocalAddress     LocalPort RemoteAddress   RemotePort State       AppliedSetting
      ------------     --------- -------------   ---------- -----       --------------
      10.0.0.5         52312     10.0.0.9        445        Hesitant    Internet
      10.0.0.5         52313     10.0.0.9        445        SynSent     Internet
      """
    let error = try #require(connectionError(input, with: importer))
    #expect(error.line == 3)
    #expect(error.column == 55)
    #expect(error.message == "expected a state such as Established or SynSent, found 'Hesitant'")
  }

  @Test func tableRowCutShortIsTruncated() throws {
    let input = """
      LocalAddress     LocalPort RemoteAddress   RemotePort State       AppliedSetting
      ------------     --------- -------------   ---------- -----       --------------
      10.0.0.5         52312     10.0.0.9        445        SynSent     Internet
      10.0.0.5         52313     10.0.0.9
      """
    let error = try #require(connectionError(input, with: importer))
    #expect(error.line == 4)
    #expect(error.reason == .truncated)
    #expect(error.message.contains("RemotePort"))
  }

  @Test func listRecordWithoutStateAtTheEndIsTruncated() throws {
    let input = """
      LocalAddress   : 10.0.0.5
      LocalPort      : 50200
      RemoteAddress  : 10.0.0.9
      RemotePort     : 445
      State          : Established

      LocalAddress   : 10.0.0.5
      LocalPort      : 50201
      RemoteAddress  : 10.0.0.9
      RemotePort     : 445
      """
    let error = try #require(connectionError(input, with: importer))
    #expect(error.line == 10)
    #expect(error.reason == .truncated)
    #expect(error.message.contains("State"))
    #expect(error.message.contains("line 7"))
  }

  /// A `Select-Object` without RemoteAddress and RemotePort (held-out set 3): the states count,
  /// the remote endpoints are unknown rather than zero.
  @Test func selectionWithoutTheRemoteEndpointCountsStates() throws {
    let list = try importer.read(
      EvidenceText(
        """
        LocalAddress  : 0.0.0.0
        LocalPort     : 4000
        State         : Listen
        OwningProcess : 4020
        """))
    #expect(list.facts["tcp.listen"] == .number(1))
    #expect(list.facts["tcp.connections"] == .number(0))
    let table = try importer.read(
      EvidenceText(
        """
        LocalAddress LocalPort State       OwningProcess
        ------------ --------- -----       -------------
        10.0.0.5         52312 Established          2212
        0.0.0.0            445 Listen                  4
        """))
    #expect(table.facts["tcp.established"] == .number(1))
    #expect(table.facts["tcp.listen"] == .number(1))
    #expect(table.facts["tcp.remote-hosts"] == nil)
  }

  /// A record cut before its State is still cut off, endpoints selected or not.
  @Test func listRecordCutBeforeItsStateIsStillTruncated() throws {
    let error = try #require(
      connectionError("LocalAddress  : 0.0.0.0\nLocalPort     : 4000\n", with: importer))
    #expect(error.reason == .truncated)
    #expect(error.message.contains("RemoteAddress"))
  }

  /// A custom object's State column is right-aligned: `Established` reaches left of the header's
  /// `State` and is read in the column its dashes are in (the French lab of held-out set 3).
  @Test func rightAlignedStateIsReadInItsColumn() throws {
    let evidence = try importer.read(
      EvidenceText(
        """
        LocalAddress LocalPort RemoteAddress   RemotePort       State ProcessId ProcessName
        ------------ --------- -------------   ----------       ----- --------- -----------
        ::               49680 ::                       0      Listen      1156 services
        0.0.0.0          49741 0.0.0.0                  0       Bound      1568 WUDFHost
        127.0.0.1        49741 127.0.0.1            49740 Established      1568 WUDFHost
        10.3.220.87      39594 185.25.182.52          443    TimeWait         0 Idle
        10.3.220.87      39491 13.107.253.254         443   CloseWait      4012 SearchHost
        """))
    #expect(evidence.facts["tcp.listen"] == .number(1))
    #expect(evidence.facts["tcp.bound"] == .number(1))
    #expect(evidence.facts["tcp.established"] == .number(1))
    #expect(evidence.facts["tcp.time-wait"] == .number(1))
    #expect(evidence.facts["tcp.close-wait"] == .number(1))
    #expect(evidence.facts["tcp.remote-hosts"] == .number(3))
  }

  @Test func groupObjectOfSomethingElseIsAnError() throws {
    let error = try #require(
      connectionError(
        "Count Name\n----- ----\n    3 4711\n    2 Listen\n", with: importer))
    #expect(error.line == 3)
    #expect(error.message == "expected a state such as Established or SynSent, found '4711'")
  }
}
