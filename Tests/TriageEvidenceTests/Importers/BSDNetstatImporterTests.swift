import Testing
import TriageKit

@testable import TriageEvidence

@Suite struct BSDNetstatImporterTests {
  let importer = BSDNetstatImporter.self

  // Counted in the shell: awk '/^Active UNIX/{exit} $1 ~ /^tcp/{print $6}' … | sort | uniq -c
  @Test func readsRealFreeBSD() throws {
    let evidence = try ConnectionFixture.named("freebsd12-netstat-an.out").read()
    #expect(evidence.format == "bsd-netstat")
    #expect(evidence[field: "connections"] == 4)
    #expect(evidence.counts("states") == ["ESTABLISHED": 1, "LISTEN": 3])
    #expect(evidence.counts("remote_ports") == ["56321": 1])
    #expect(evidence[field: "remote_hosts"] == 1)
    #expect(evidence.number("tcp.connections") == 1)
    #expect(evidence.figures == ["3 LISTEN", "1 ESTABLISHED", "1 remote host"])
  }

  // Counted in the shell, the protocol column found among the first three (-A adds two):
  //   awk '{for(i=1;i<=3;i++) if ($i ~ /^tcp/) {print $(i+5); break}}' … | sort | uniq -c
  // macOS cuts long addresses to the column width, so '.4' ports are what the output says.
  @Test func readsRealMacOSWithSocketColumns() throws {
    let evidence = try ConnectionFixture.named("osx-10.14.6-netstat-An.out").read()
    #expect(evidence[field: "connections"] == 49)
    #expect(evidence.counts("states") == ["ESTABLISHED": 43, "CLOSE_WAIT": 6])
    #expect(evidence[field: "remote_hosts"] == 21)
    let ports = evidence.counts("remote_ports")
    #expect(ports["4"] == 23)
    #expect(ports["443"] == 5)
    #expect(ports["555"] == 4)
    #expect(ports["8081"] == 3)
    #expect(ports.count == 17)
    #expect(evidence.number("tcp.close-wait") == 6)
    #expect(evidence.number("tcp.listen") == 0)
    #expect(evidence.figures == ["43 ESTABLISHED", "6 CLOSE_WAIT", "21 remote hosts"])
  }

  @Test func unknownStateIsAnError() throws {
    let input = """
      Active Internet connections (including servers)
      Proto Recv-Q Send-Q  Local Address          Foreign Address        (state)
      tcp4       0      0  10.0.0.5.52312         10.0.0.9.445           SYN_WHAT
      tcp4       0      0  10.0.0.5.52313         10.0.0.9.445           SYN_SENT
      """
    let error = try #require(connectionError(input, with: importer))
    #expect(error.line == 3)
    #expect(error.column == 68)
    #expect(error.message == "expected a state such as ESTABLISHED or SYN_SENT, found 'SYN_WHAT'")
  }

  @Test func truncatedRowWithoutStateIsTruncated() throws {
    let input = """
      Active Internet connections (including servers)
      Proto Recv-Q Send-Q  Local Address          Foreign Address        (state)
      tcp4       0      0  10.0.0.5.52312         10.0.0.9.445           SYN_SENT
      tcp4       0      0  10.0.0.5.52313         10.0.0.9.4
      """
    let error = try #require(connectionError(input, with: importer))
    #expect(error.line == 4)
    #expect(error.reason == .truncated)
  }

  @Test func badEndpointIsAnError() throws {
    let error = try #require(
      connectionError(
        "tcp4       0      0  10.0.0.5.52312   nowhere   SYN_SENT\ntcp4 0 0 10.0.0.5.1 10.0.0.9.445 SYN_SENT\n",
        with: importer))
    #expect(error.line == 1)
    #expect(error.message.hasPrefix("expected a foreign address and port"))
  }
}
