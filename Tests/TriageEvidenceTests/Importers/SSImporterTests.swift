import Testing
import TriageKit

@testable import TriageEvidence

@Suite struct SSImporterTests {
  let importer = SSImporter.self

  // Counted in the shell: awk '$1=="tcp"{print $2}' … | sort | uniq -c (58 LISTEN, 15 udp rows);
  // the first pid= of each tcp row: awk '$1=="tcp"{match($0,/pid=[0-9]+/); …}' | sort | uniq -c
  @Test func readsRealTulpenWithExtendedColumns() throws {
    let evidence = try ConnectionFixture.named("ubuntu-18.04-ss-sudo-tulpen.out").read()
    #expect(evidence.format == "linux-ss")
    #expect(evidence.kind == .ss)
    #expect(evidence[field: "connections"] == 58)
    #expect(evidence.counts("states") == ["LISTEN": 58])
    #expect(evidence.counts("pids").count == 28)
    #expect(evidence.counts("pids")["2840"] == 30)
    #expect(evidence.counts("pids")["24795"] == 2)
    #expect(evidence.number("tcp.connections") == 0)
    #expect(evidence.number("tcp.closed") == 0)  // the UNCONN rows are UDP
  }

  @Test func readsRealTulanpWithProcesses() throws {
    let evidence = try ConnectionFixture.named("ss-sudo-tulanp.out").read()
    #expect(evidence[field: "connections"] == 5)
    #expect(evidence.counts("states") == ["ESTABLISHED": 1, "LISTEN": 4])
    #expect(evidence.counts("remote_ports") == ["38044": 1])
    #expect(evidence[field: "remote_hosts"] == 1)
    #expect(evidence.counts("pids") == ["564": 1, "693": 2, "751": 1, "1445": 1])
    #expect(evidence.figures == ["4 LISTEN", "1 ESTABLISHED", "1 remote host"])
  }

  @Test func readsRealInterfaceSuffixesAndWildcards() throws {
    let evidence = try ConnectionFixture.named("ss-tulpan-ens160.out").read()
    #expect(evidence[field: "connections"] == 7)
    #expect(evidence.counts("states") == ["ESTABLISHED": 1, "LISTEN": 6])
    #expect(evidence.counts("remote_ports") == ["58054": 1])
    #expect(evidence[field: "pids"] == nil)
  }

  @Test func readsRealTnpWithoutListeners() throws {
    let evidence = try ConnectionFixture.named("ss-tnp.out").read()
    #expect(evidence[field: "connections"] == 3)
    #expect(evidence.number("tcp.established") == 3)
    #expect(evidence.counts("remote_ports") == ["65233": 1, "65494": 1, "65497": 1])
    #expect(evidence.keys("remote_ports") == ["65233", "65494", "65497"])
    #expect(evidence[field: "remote_hosts"] == 1)
    #expect(evidence.counts("pids") == ["3147": 1])
  }

  @Test func stateFilterWithoutItsCommandIsRefused() throws {
    let input = """
      Recv-Q   Send-Q     Local Address:Port      Peer Address:Port
      0        1               10.0.0.5:50200         10.0.0.9:445
      """
    let error = try #require(connectionError(input, with: importer))
    #expect(error.line == 1)
    #expect(error.message.contains("no State column"))
  }

  @Test func stateFilterTakesTheStateFromTheCommand() throws {
    let evidence = try readConnections(
      """
      ops@mgmt:~$ ss -tan state time-wait
      Recv-Q   Send-Q     Local Address:Port      Peer Address:Port
      0        0               10.0.0.5:50200         10.0.0.9:445
      0        0               10.0.0.5:50201         10.0.0.9:445
      0        0               10.0.0.5:50202        10.0.0.10:139
      """, with: importer)
    #expect(evidence.number("tcp.time-wait") == 3)
    #expect(evidence.number("tcp.remote-hosts") == 2)
    #expect(evidence.figures == ["3 TIME_WAIT", "2 remote hosts"])
  }

  @Test func udpOnlyCommandDoesNotCountAsTCP() throws {
    let error = try #require(
      connectionError(
        "$ ss -uan\nState  Recv-Q Send-Q Local Address:Port Peer Address:Port\nUNCONN 0 0 0.0.0.0:68 0.0.0.0:*\n",
        with: importer))
    #expect(error.message.contains("only UDP"))
  }

  @Test func spellingsAndMappedAddresses() throws {
    let evidence = try readConnections(
      """
      State      Recv-Q Send-Q Local Address:Port               Peer Address:Port
      SYN-RECV   0      0      [::ffff:10.0.0.5]:445          [::ffff:10.0.0.20]:50000
      FIN-WAIT-1 0      1      10.0.0.5:445                   10.0.0.20:50001
      LAST-ACK   0      1      10.0.0.5:445                   10.0.0.21:50002
      CLOSE-WAIT 1      0      10.0.0.5:445                   10.0.0.21:50003
      UNCONN     0      0      10.0.0.5:445                   0.0.0.0:*
      """, with: importer)
    #expect(evidence.number("tcp.syn-received") == 1)
    #expect(evidence.number("tcp.fin-wait-1") == 1)
    #expect(evidence.number("tcp.last-ack") == 1)
    #expect(evidence.number("tcp.close-wait") == 1)
    #expect(evidence.number("tcp.closed") == 1)
    #expect(evidence.number("tcp.remote-hosts") == 2)  // ::ffff:10.0.0.20 is 10.0.0.20
  }

  @Test func unknownStateIsAnError() throws {
    let input = """
      State      Recv-Q Send-Q Local Address:Port               Peer Address:Port
      ESTAB      0      0      10.0.0.5:445                   10.0.0.20:50000
      BOGUS      0      0      10.0.0.5:445                   10.0.0.20:50001
      ESTAB      0      0      10.0.0.5:445                   10.0.0.20:50002
      """
    let error = try #require(connectionError(input, with: importer))
    #expect(error.line == 3)
    #expect(error.column == 1)
    #expect(error.message == "expected a state such as ESTAB or SYN-SENT, found 'BOGUS'")
  }

  @Test func rowMissingItsPeerAtTheEndIsTruncated() throws {
    let input = """
      State      Recv-Q Send-Q Local Address:Port               Peer Address:Port
      ESTAB      0      0      10.0.0.5:445                   10.0.0.20:50000
      ESTAB      0      0      10.0.0.5:445
      """
    let error = try #require(connectionError(input, with: importer))
    #expect(error.line == 3)
    #expect(error.reason == .truncated)
  }

  @Test func wrappedDetailLinesAreSkipped() throws {
    let evidence = try readConnections(
      "State Recv-Q Send-Q Local Address:Port Peer Address:Port\n"
        + "ESTAB 0 0 10.0.0.5:50000 10.0.0.9:445\n"
        + "\t cubic wscale:7,7 rto:204 rtt:1.277/0.239 ato:40 mss:1448\n"
        + "ESTAB 0 0 10.0.0.5:50001 10.0.0.9:445\n", with: importer)
    #expect(evidence.number("tcp.established-smb") == 2)
  }
}
