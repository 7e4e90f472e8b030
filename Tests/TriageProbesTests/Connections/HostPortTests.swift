import Testing

@testable import TriageProbes

@Suite("host:port")
struct HostPortTests {
  @Test(arguments: [
    ("192.0.2.7:445", "192.0.2.7", 445),
    ("fileserver:139", "fileserver", 139),
    ("host-1.example.org:65535", "host-1.example.org", 65535),
    ("[::1]:445", "::1", 445),
    ("[2001:db8::7]:1", "2001:db8::7", 1),
  ])
  func readsATarget(text: String, host: String, port: Int) throws {
    let target = try HostPort.parse(text)
    #expect(target.host == host)
    #expect(Int(target.port) == port)
    #expect(target.description == text)
  }

  @Test(arguments: [
    ("192.0.2.7", 10, "expected ':port' after '192.0.2.7'"),
    ("192.0.2.7:", 11, "expected a port after ':'"),
    ("192.0.2.7:0", 11, "expected a port from 1 to 65535, found '0'"),
    ("192.0.2.7:65536", 11, "expected a port from 1 to 65535, found '65536'"),
    ("192.0.2.7:44x", 11, "expected a port from 1 to 65535, found '44x'"),
    (":445", 1, "expected a host name or address before ':'"),
    ("::1:445", 1, "an IPv6 address needs brackets: '[::1]:port'"),
    ("[::1:445", 1, "'[' opens an IPv6 address that no ']' closes"),
    ("[::1]445", 6, "expected ':port' after ']'"),
    ("ho/st:445", 3, "unexpected character '/' in host 'ho/st'"),
  ])
  func refusesAMalformedTarget(text: String, column: Int, message: String) {
    #expect(throws: HostPort.ParseError(column: column, message: message)) {
      try HostPort.parse(text)
    }
  }
}
