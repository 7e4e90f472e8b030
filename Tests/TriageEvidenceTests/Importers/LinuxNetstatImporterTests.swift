import Testing
import TriageKit

@testable import TriageEvidence

@Suite struct LinuxNetstatImporterTests {
  let importer = LinuxNetstatImporter.self

  // Counted in the shell: awk '/^Active UNIX/{exit} $1 ~ /^tcp6?$/{print $6, $7}' … | sort | uniq -c
  @Test func readsRealListeningTableAndStopsAtTheUnixSection() throws {
    let evidence = try ConnectionFixture.named("centos-7.7-netstat-sudo-lnp.out").read()
    #expect(evidence.format == "linux-netstat")
    #expect(evidence[field: "connections"] == 4)
    #expect(evidence.counts("states") == ["LISTEN": 4])
    #expect(evidence.counts("remote_ports").isEmpty)
    #expect(evidence[field: "remote_hosts"] == 0)
    #expect(evidence.counts("pids") == ["1206": 2, "1469": 2])
    #expect(evidence.number("tcp.connections") == 0)
    #expect(evidence.figures == ["4 LISTEN"])
    #expect(evidence.lines == 45)
  }

  // awk '$1 ~ /^tcp6?$/ && $6!="LISTEN"{r=$5; sub(/:[0-9*]+$/,"",r); print r}' … | sort -u → 2 hosts
  @Test func readsRealTanpWithUnknownProcesses() throws {
    let evidence = try ConnectionFixture.named("ubuntu-netstat-aptn.out").read()
    #expect(evidence[field: "connections"] == 28)
    #expect(evidence.counts("states") == ["ESTABLISHED": 13, "LISTEN": 15])
    #expect(evidence[field: "remote_hosts"] == 2)
    #expect(evidence.counts("remote_ports").count == 13)
    #expect(evidence.counts("remote_ports")["7848"] == 1)
    #expect(evidence[field: "pids"] == .object([]))  // the column is there, every process is '-'
    #expect(evidence.number("tcp.established") == 13)
    #expect(evidence.number("tcp.established-smb") == 0)
    #expect(evidence.figures == ["15 LISTEN", "13 ESTABLISHED", "2 remote hosts"])
  }

  @Test func queueThatIsNotANumberIsAnError() throws {
    let input = """
      Active Internet connections (servers and established)
      Proto Recv-Q Send-Q Local Address           Foreign Address         State
      tcp        x      0 10.0.0.5:52312          10.0.0.9:445            SYN_SENT
      tcp        0      0 10.0.0.5:52313          10.0.0.9:445            SYN_SENT
      """
    let error = try #require(connectionError(input, with: importer))
    #expect(error.line == 3)
    #expect(error.column == 12)
    #expect(error.message == "expected a number (Recv-Q), found 'x'")
  }

  // A real paste (netstat/diamond-217, SOURCES.md) has rows whose two addresses the reporter
  // replaced by `...`: the rows count in their states, their remote hosts unknown.
  @Test func rowsWithTheirAddressesLeftOutCountInTheirStates() throws {
    let input = """
      Active Internet connections (servers and established)
      Proto Recv-Q Send-Q Local Address               Foreign Address             State
      tcp        0      0 *:ssh                       *:*                         LISTEN
      tcp        0      0 ...                                              ESTABLISHED
      tcp        0      0 ....                                           TIME_WAIT   1234/java
      tcp        0      0 …                                              ESTABLISHED
      """
    let evidence = try importer.read(try EvidenceText(input))
    #expect(evidence.counts("states") == ["LISTEN": 1, "ESTABLISHED": 2, "TIME_WAIT": 1])
    #expect(evidence[field: "remote_hosts"] == 0)
    #expect(evidence.number("tcp.connections") == 3)
    // Not every short row: an address cut before its state is still an error.
    let cut = """
      Active Internet connections (servers and established)
      Proto Recv-Q Send-Q Local Address           Foreign Address         State
      tcp        0      0 ..                      ESTABLISHED
      """
    #expect(connectionError(cut, with: importer) != nil)
  }

  // A real paste (netstat/ptfeeder-334, SOURCES.md) begins with a row whose `tcp` was lost in the
  // copy: it is read as the TCP row it is.
  @Test func aRowThatLostItsProtocolIsReadAsTCP() throws {
    let input = """
      netstat -neopa

      32      0 150.95.191.124:60739    54.65.136.43:9443       CLOSE_WAIT  1001   2082272  9337/dotnet  off (0.00/0/0)
      tcp       32      0 150.95.191.124:53126    13.112.130.71:9443      CLOSE_WAIT  1001   2167051  9337/dotnet  off (0.00/0/0)
      """
    let evidence = try importer.read(try EvidenceText(input))
    #expect(evidence.counts("states") == ["CLOSE_WAIT": 2])
    #expect(evidence[field: "remote_hosts"] == 2)
  }

  @Test func rowCutBeforeItsStateIsTruncated() throws {
    let input = """
      Active Internet connections (servers and established)
      Proto Recv-Q Send-Q Local Address           Foreign Address         State
      tcp        0      1 10.0.0.5:52312          10.0.0.9:445            SYN_SENT
      tcp        0      1 10.0.0.5:52313          10.0.0.9:4
      """
    let error = try #require(connectionError(input, with: importer))
    #expect(error.line == 4)
    #expect(error.column == 55)  // just after the cut, where the state is missing
    #expect(error.reason == .truncated)
  }

  @Test func processColumnWithoutAProcessIsAnError() throws {
    let input = """
      Active Internet connections (servers and established)
      Proto Recv-Q Send-Q Local Address           Foreign Address         State       PID/Program name
      tcp        0      1 10.0.0.5:52312          10.0.0.9:445            SYN_SENT
      tcp        0      1 10.0.0.5:52313          10.0.0.9:445            SYN_SENT    12/smbclient
      """
    let error = try #require(connectionError(input, with: importer))
    #expect(error.line == 3)
    #expect(error.message.contains("PID/Program name"))
  }

  @Test func extendedColumnsBeforeTheProcess() throws {
    let evidence = try readConnections(
      """
      Active Internet connections (servers and established)
      Proto Recv-Q Send-Q Local Address           Foreign Address         State       User       Inode      PID/Program name
      tcp        0      1 10.0.0.5:52312          10.0.0.9:445            SYN_SENT    1000       4711       900/smbclient
      """, with: importer)
    #expect(evidence.counts("pids") == ["900": 1])
    #expect(evidence.number("tcp.syn-sent-smb") == 1)
  }

  @Test func headerOnlyIsNoConnections() throws {
    let error = try #require(
      connectionError(
        "Active Internet connections (w/o servers)\nProto Recv-Q Send-Q Local Address           Foreign Address         State\n",
        with: importer))
    #expect(error.message == "no connections listed (the output ends after the header)")
    #expect(error.line == 1)
  }
}
