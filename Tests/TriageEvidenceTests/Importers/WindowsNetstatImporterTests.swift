import Testing
import TriageKit

@testable import TriageEvidence

@Suite struct WindowsNetstatImporterTests {
  let importer = WindowsNetstatImporter.self

  // Expected figures counted independently in the shell, e.g.
  //   awk '$1=="TCP"{print $4}' windows-10-netstat-an.out | sort | uniq -c
  //   awk '$1=="TCP" && $4!="LISTENING"{r=$3; sub(/:[0-9]+$/,"",r); print r}' … | sort -u
  @Test func readsRealNetstatAn() throws {
    let evidence = try ConnectionFixture.named("windows-10-netstat-an.out").read()
    #expect(evidence.format == "windows-netstat")
    #expect(evidence[field: "connections"] == 80)
    #expect(evidence.counts("states") == ["ESTABLISHED": 32, "LISTEN": 48])
    #expect(evidence.keys("states") == ["ESTABLISHED", "LISTEN"])
    #expect(evidence[field: "remote_hosts"] == 1)  // only 127.0.0.1
    #expect(evidence.counts("remote_ports").count == 32)
    #expect(evidence.keys("remote_ports").first == "1031")
    #expect(evidence[field: "pids"] == nil)
    #expect(evidence.number("tcp.connections") == 32)
    #expect(evidence.number("tcp.udp") == nil)
    #expect(evidence.figures == ["48 LISTEN", "32 ESTABLISHED", "1 remote host"])
    #expect(evidence.lines == 96)
  }

  // `netstat -a -q -n | findstr ":22"`: a port bound, not listening. BOUND is no TCP state and
  // never CLOSED; it is counted apart as a held port.
  @Test func readsRealBoundRowAsAHeldPortNotClosed() throws {
    let bytes = try EvidenceFixture(folder: "netstat", name: "wsl-blog-aqn-findstr-bound.paste")
      .bytes
    let evidence = try EvidenceImporters.read(try EvidenceText(bytes: bytes, source: "bound"))
    #expect(evidence.format == "windows-netstat")
    #expect(evidence[field: "bound"] == 1)
    #expect(evidence[field: "connections"] == 0)
    #expect(evidence.counts("states") == [:])
    #expect(evidence.number("tcp.closed") == 0)
    #expect(evidence.figures.contains("1 BOUND (local ports held, not connected)"))
  }

  @Test func boundRowsKeepTheirProcessAndLeaveTheStatesAlone() throws {
    let evidence = try readConnections(
      """
      Active Connections

        Proto  Local Address          Foreign Address        State           PID
        TCP    0.0.0.0:49179          0.0.0.0:0              BOUND           2588
        TCP    0.0.0.0:49180          0.0.0.0:0              BOUND           2588
        TCP    10.0.0.5:49181         10.0.0.9:445           SYN_SENT        2588
        TCP    10.0.0.5:49182         10.0.0.9:445           CLOSED          2588
      """, with: importer)
    #expect(evidence[field: "bound"] == 2)
    #expect(evidence.counts("states") == ["SYN_SENT": 1, "CLOSED": 1])
    #expect(evidence.number("tcp.closed") == 1)
    #expect(evidence.counts("pids") == ["2588": 4])
  }

  // awk '$1=="TCP"{print $4}' windows-10-netstat-aonb.out | sort | uniq -c  → 54/51/6/3;
  // awk '$1=="TCP"{print $5}' … | sort -n | uniq -c  → 45 pids, pid 4 on 13 rows.
  @Test func readsRealNetstatAnobWithOwnerLines() throws {
    let evidence = try ConnectionFixture.named("windows-10-netstat-aonb.out").read()
    #expect(evidence[field: "connections"] == 114)
    #expect(
      evidence.counts("states") == [
        "ESTABLISHED": 54, "TIME_WAIT": 3, "CLOSE_WAIT": 6, "LISTEN": 51,
      ])
    #expect(evidence.keys("states") == ["ESTABLISHED", "TIME_WAIT", "CLOSE_WAIT", "LISTEN"])
    #expect(evidence[field: "remote_hosts"] == 28)
    #expect(evidence.counts("remote_ports")["443"] == 23)
    #expect(evidence.counts("remote_ports")["53"] == 2)
    #expect(evidence.keys("remote_ports").prefix(3) == ["53", "80", "443"])
    #expect(evidence.counts("pids").count == 45)
    #expect(evidence.counts("pids")["4"] == 13)
    #expect(evidence.counts("pids")["0"] == 3)
    #expect(evidence.number("tcp.connections") == 63)
    #expect(evidence.number("tcp.time-wait") == 3)
    #expect(evidence.number("tcp.syn-sent") == 0)
    #expect(evidence.number("tcp.established-smb") == 0)
    #expect(
      evidence.figures == [
        "54 ESTABLISHED", "51 LISTEN", "6 CLOSE_WAIT", "3 TIME_WAIT", "28 remote hosts",
      ])
  }

  @Test func unknownStateNamesLineAndColumn() throws {
    let input = """
      Active Connections

        Proto  Local Address          Foreign Address        State
        TCP    10.0.0.5:52312         10.0.0.9:445           FOO
        TCP    10.0.0.5:52313         10.0.0.9:445           SYN_SENT
      """
    let error = try #require(connectionError(input, with: importer))
    #expect(error.line == 4)
    #expect(error.column == 56)
    #expect(error.message == "expected a state such as ESTABLISHED or SYN_SENT, found 'FOO'")
    #expect(error.reason == .garbled)
  }

  @Test func badEndpointIsAnError() throws {
    let input = """
      Active Connections
        Proto  Local Address          Foreign Address        State
        TCP    10.0.0.5:52312         10.0.0.9               SYN_SENT
        TCP    10.0.0.5:52313         10.0.0.9:445           SYN_SENT
      """
    let error = try #require(connectionError(input, with: importer))
    #expect(error.line == 3)
    #expect(error.message.hasPrefix("expected a foreign address and port"))
    #expect(error.message.hasSuffix("found '10.0.0.9'"))
  }

  @Test func truncatedLastRowSaysSo() throws {
    let input = """
      Active Connections

        Proto  Local Address          Foreign Address        State
        TCP    10.0.0.5:52312         10.0.0.9:445           SYN_SENT
        TCP    10.0.0.5:52313         10.0.0.9:445           SYN_SE
      """
    let error = try #require(connectionError(input, with: importer))
    #expect(error.line == 5)
    #expect(error.reason == .truncated)
    #expect(error.message.hasPrefix("the last row is cut off"))
  }

  @Test func missingPIDUnderAPIDHeaderIsAnError() throws {
    let input = """
      Active Connections
        Proto  Local Address          Foreign Address        State           PID
        TCP    10.0.0.5:52312         10.0.0.9:445           SYN_SENT
        TCP    10.0.0.5:52313         10.0.0.9:445           SYN_SENT        4
      """
    let error = try #require(connectionError(input, with: importer))
    #expect(error.line == 3)
    #expect(error.message.contains("process id"))
  }

  @Test func offloadStateColumnIsNotAPID() throws {
    let evidence = try readConnections(
      """
      Active Connections
        Proto  Local Address          Foreign Address        State           PID      Offload State
        TCP    10.0.0.5:52312         10.0.0.9:445           ESTABLISHED     2212     InHost
        TCP    10.0.0.5:52313         10.0.0.9:445           ESTABLISHED     2212     InHost
      """, with: importer)
    #expect(evidence.counts("pids") == ["2212": 2])
    let error = try #require(
      connectionError(
        "  TCP    10.0.0.5:52312    10.0.0.9:445    ESTABLISHED    12:34\n  TCP    10.0.0.5:1    10.0.0.9:445    ESTABLISHED\n",
        with: importer))
    #expect(error.line == 1)
    #expect(error.message == "expected a process id, found '12:34'")
  }

  /// A real paste (lighthouse issue 7694) has a person's note typed after one row's PID.
  @Test func textAfterThePIDEndsTheRow() throws {
    let evidence = try readConnections(
      """
        Proto  Local Address          Foreign Address        State           PID
        TCP    0.0.0.0:2103           0.0.0.0:0              LISTENING       2744
        TCP    0.0.0.0:2105           0.0.0.0:0              LISTENING       2744      NOTE ON #1, below
        TCP    10.0.0.5:52312         10.0.0.9:445           ESTABLISHED     2212      12:34
      """, with: importer)
    #expect(evidence.facts["tcp.listen"] == .number(2))
    #expect(evidence.facts["tcp.established"] == .number(1))
    #expect(evidence.counts("pids") == ["2744": 2, "2212": 1])
  }

  @Test func headerWithoutRowsIsNoConnections() throws {
    let error = try #require(
      connectionError(
        "\nActive Connections\n\n  Proto  Local Address          Foreign Address        State\n",
        with: importer))
    #expect(error.message == "no connections listed (the output ends after the header)")
    #expect(error.line == 2)
  }

  @Test func udpAloneIsNotTCP() throws {
    let error = try #require(
      connectionError(
        "Active Connections\n  Proto  Local Address  Foreign Address  State\n  UDP    0.0.0.0:53  *:*\n",
        with: importer))
    #expect(error.message.contains("only UDP"))
  }

  @Test func strangeLineAfterTheTableIsAnError() throws {
    let input = """
      Active Connections
        Proto  Local Address          Foreign Address        State
        TCP    10.0.0.5:52312         10.0.0.9:445           SYN_SENT
      this is not netstat
        TCP    10.0.0.5:52313         10.0.0.9:445           SYN_SENT
      """
    let error = try #require(connectionError(input, with: importer))
    #expect(error.line == 4)
    #expect(error.message.hasPrefix("expected a connection row"))
  }

  @Test func namedPortsWithoutDashN() throws {
    let evidence = try readConnections(
      """
      Active Connections
        Proto  Local Address          Foreign Address        State
        TCP    10.0.0.5:52312         fileserver:microsoft-ds  SYN_SENT
        TCP    10.0.0.5:52313         fileserver2:https      ESTABLISHED
      """, with: importer)
    #expect(evidence.number("tcp.syn-sent-smb") == 1)
    #expect(evidence.counts("remote_ports") == ["443": 1, "445": 1])
    #expect(evidence.number("tcp.remote-hosts") == 2)
  }
}
