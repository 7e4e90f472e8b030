import Testing
import TriageKit

@testable import TriageEvidence

@Suite struct TestNetConnectionImporterTests {
  typealias Fixtures = ImporterChecks

  /// The reported test of each fixture, read by hand from the file.
  struct Expected: Sendable, CustomStringConvertible {
    var file: String
    var remoteAddress: String
    var remotePort: Int?
    var tcp: Bool?
    var ping: Bool?
    var tests: Int
    var tcpFact: Bool?
    var pingFact: Bool?
    var description: String { file }
  }

  static let expected: [Expected] = [
    .init(
      file: "pastebin-port-failed.txt", remoteAddress: "[ServerIP]", remotePort: 26900,
      tcp: false, ping: true, tests: 1, tcpFact: false, pingFact: true),
    .init(
      file: "itpro-docs-detailed.txt", remoteAddress: "192.168.0.2", remotePort: 135, tcp: true,
      ping: true, tests: 1, tcpFact: true, pingFact: true),
    .init(
      file: "powershell-issue-25818.txt", remoteAddress: "8.8.8.8", remotePort: nil, tcp: nil,
      ping: true, tests: 2, tcpFact: true, pingFact: true),
    .init(
      file: "blog-ping-and-port.txt", remoteAddress: "111.111.111.111", remotePort: 4000,
      tcp: true, ping: nil, tests: 2, tcpFact: true, pingFact: true),
    .init(
      file: "wef-notes-detailed.txt", remoteAddress: "192.168.190.54", remotePort: 5985,
      tcp: true, ping: nil, tests: 1, tcpFact: true, pingFact: nil),
  ]

  @Test func everyFixtureHasExpectedFigures() {
    #expect(Set(Fixtures.names(.testNetConnection)) == Set(Self.expected.map(\.file)))
  }

  @Test(arguments: expected) func realOutput(_ expected: Expected) throws {
    let evidence = try Fixtures.read(.testNetConnection, expected.file)
    #expect(Fixtures.value(evidence, "remote_address") == .string(expected.remoteAddress))
    #expect(
      Fixtures.value(evidence, "remote_port") == expected.remotePort.map(JSONValue.int) ?? .null)
    #expect(Fixtures.bool(Fixtures.value(evidence, "tcp_test_succeeded")) == expected.tcp)
    #expect(Fixtures.bool(Fixtures.value(evidence, "ping_succeeded")) == expected.ping)
    #expect(Fixtures.value(evidence, "tests")?.arrayValue?.count == expected.tests)
    #expect(evidence.facts["tnc.tcp-test-succeeded"] == expected.tcpFact.map(FactValue.bool))
    #expect(evidence.facts["tnc.ping-succeeded"] == expected.pingFact.map(FactValue.bool))
  }

  @Test func warningAndRoundTripAreKept() throws {
    let evidence = try Fixtures.read(.testNetConnection, "pastebin-port-failed.txt")
    #expect(Fixtures.value(evidence, "ping_rtt_ms") == 849)
    #expect(
      Fixtures.value(evidence, "warnings") == .array(["TCP connect to ([ServerIP] : 26900) failed"])
    )
    #expect(Fixtures.value(evidence, "interface_alias") == "Wi-Fi 2")
  }

  // A real paste (crtp-notes-…-emoji-marks, SOURCES.md) has a mark its author put after a result.
  @Test func aMarkAfterTheResultIsNotTheResult() throws {
    let text = try EvidenceText(
      """
      ComputerName     : web01
      RemoteAddress    : 10.0.0.9
      RemotePort       : 445
      InterfaceAlias   : Ethernet
      SourceAddress    : 10.0.0.5
      TcpTestSucceeded : True📌
      """)
    let evidence = try EvidenceImporters.read(text, as: .testNetConnection)
    #expect(evidence.facts["tnc.tcp-test-succeeded"] == .bool(true))
    #expect(evidence.skipped.isEmpty)
    // A word after it is not a mark.
    let worded = try EvidenceText("RemoteAddress    : 10.0.0.9\nTcpTestSucceeded : Truely\n")
    #expect(
      (try? EvidenceImporters.read(worded, as: .testNetConnection))?.facts[
        "tnc.tcp-test-succeeded"] == nil)
  }

  @Test func hiddenPingIsNull() throws {
    // PowerShell issue 25818: a passing -Port test hides PingSucceeded (its value reads False).
    let evidence = try Fixtures.read(.testNetConnection, "powershell-issue-25818.txt")
    let first = Fixtures.value(evidence, "tests")?.arrayValue?.first
    #expect(first?["tcp_test_succeeded"] == true)
    #expect(first?["ping_succeeded"] == .null)
  }

  @Test func firstFailedTestIsReported() throws {
    let text = try EvidenceText(
      """
      PS C:\\> tnc fs01 -Port 445
      ComputerName     : fs01
      RemoteAddress    : 10.0.3.17
      RemotePort       : 445
      InterfaceAlias   : Ethernet
      SourceAddress    : 10.0.0.5
      TcpTestSucceeded : True

      PS C:\\> tnc fs02 -Port 445
      WARNING: TCP connect to 10.0.3.18:445 failed
      WARNING: Ping to 10.0.3.18 failed with status: TimedOut

      ComputerName           : fs02
      RemoteAddress          : 10.0.3.18
      RemotePort             : 445
      InterfaceAlias         : Ethernet
      SourceAddress          : 10.0.0.5
      PingSucceeded          : False
      PingReplyDetails (RTT) : 0 ms
      TcpTestSucceeded       : False
      """)
    let evidence = try TestNetConnectionImporter.read(text)
    #expect(Fixtures.value(evidence, "computer_name") == "fs02")
    #expect(evidence.facts["tnc.tcp-test-succeeded"] == .bool(false))
    #expect(evidence.facts["tnc.ping-succeeded"] == .bool(false))
    #expect(Fixtures.value(evidence, "warnings")?.arrayValue?.count == 2)
    #expect(evidence.figures.contains("fs02 port 445: TCP connect failed, ping failed (TimedOut)"))
  }

  @Test func quietOutputNeedsItsCommand() throws {
    let ping = try TestNetConnectionImporter.read(
      EvidenceText("PS C:\\> Test-NetConnection 10.0.0.9 -InformationLevel Quiet\nTrue\n"))
    #expect(ping.facts["tnc.ping-succeeded"] == .bool(true))
    #expect(ping.facts["tnc.tcp-test-succeeded"] == nil)
    let smb = try TestNetConnectionImporter.read(
      EvidenceText("PS C:\\> tnc fs01 -CommonTCPPort SMB -InformationLevel Quiet\nFalse\n"))
    #expect(Fixtures.value(smb, "remote_port") == 445)
    #expect(smb.facts["tnc.tcp-test-succeeded"] == .bool(false))
  }

  @Test func badBooleanNamesLineAndColumn() throws {
    let text = try EvidenceText(
      "ComputerName     : fs01\nRemotePort       : 445\nTcpTestSucceeded : Maybe\n")
    #expect {
      try TestNetConnectionImporter.read(text)
    } throws: { error in
      let error = error as? EvidenceError
      return error?.line == 3 && error?.column == 20
        && error?.message == "expected True or False, found 'Maybe'"
    }
  }

  @Test func portTestCutBeforeItsResultIsTruncated() throws {
    let text = try EvidenceText(
      "ComputerName     : fs01\nRemoteAddress    : 10.0.3.17\nRemotePort       : 445\nInterfaceAlias   : Ethernet\n"
    )
    #expect {
      try TestNetConnectionImporter.read(text)
    } throws: { error in
      (error as? EvidenceError)?.reason == .truncated && (error as? EvidenceError)?.line == 4
    }
  }

  @Test func strangeLineIsGarbled() throws {
    let text = try EvidenceText("ComputerName : fs01\nthis is not it\nPingSucceeded : True\n")
    #expect {
      try TestNetConnectionImporter.read(text)
    } throws: { error in
      (error as? EvidenceError)?.line == 2 && (error as? EvidenceError)?.reason == .garbled
    }
  }

  @Test(arguments: ImporterChecks.names(.testNetConnection)) func detected(_ name: String)
    throws
  {
    try Fixtures.checkDetection(
      .testNetConnection, name, importer: TestNetConnectionImporter.self)
  }

  @Test(arguments: ImporterChecks.names(.testNetConnection))
  func utf16AndCRLFReadTheSame(_ name: String) throws {
    try Fixtures.checkEncodings(.testNetConnection, name)
  }

  @Test(arguments: ImporterChecks.names(.testNetConnection)) func robustness(
    _ name: String
  ) throws {
    let bytes = try Fixtures.bytes(.testNetConnection, name)
    try Fixtures.checkRobustness(bytes, importer: TestNetConnectionImporter.self, seed: 0x445) {
      evidence in
      !(Fixtures.value(evidence, "tests")?.arrayValue ?? []).isEmpty
    }
  }

  @Test func doesNotClaimOtherOutputs() throws {
    for sample in Fixtures.otherKinds {
      try Fixtures.expectNoClaim(TestNetConnectionImporter.self, sample)
    }
  }

  /// PowerShell in Spanish and Portuguese writes its warning word in the language and the rest in
  /// English: the warnings are read, not skipped (only a command line around them may be).
  @Test func localizedWarningWordsAreWarnings() throws {
    for file in [
      "test-netconnection/es-agent-log-advertencia-8080.paste",
      "test-netconnection/es-n8n-report-select-object.paste",
      "test-netconnection/pt-agent-evidence-aviso-443.paste",
    ] {
      let evidence = try EvidenceImporters.read(try ImporterChecks.text(file))
      #expect(evidence.skipped.allSatisfy { $0.line == 1 }, "\(file)")
      #expect(evidence.facts["tnc.tcp-test-succeeded"] == .bool(false), "\(file)")
      guard case .array(let warnings)? = evidence.json["warnings"] else {
        Issue.record("no warnings in \(file)")
        continue
      }
      #expect(
        warnings.first == .string("TCP connect to (::1 : 5678) failed")
          || warnings.first == .string("TCP connect to (127.0.0.1 : 8080) failed")
          || warnings.first == .string("TCP connect to (4.228.31.149 : 443) failed"))
    }
  }

  /// Continued values (`NameResolutionResults` on two lines) are part of the test, not skipped.
  @Test func continuedValueIsNotSkipped() throws {
    let evidence = try EvidenceImporters.read(
      try ImporterChecks.text("test-netconnection/mkdocs-8888-detailed-continued.paste"))
    #expect(evidence.skipped.isEmpty)
    #expect(evidence.json["source_address"] == "192.168.0.3")
  }

  /// `| Select-Object ComputerName,RemotePort,TcpTestSucceeded` prints a table (held-out set 3,
  /// test-netconnection/cineforge-…); the warning before it belongs to its test.
  @Test func selectObjectTableIsRead() throws {
    let evidence = try TestNetConnectionImporter.read(
      EvidenceText(
        """
        WARNING: TCP connect to (127.0.0.1 : 55432) failed

        ComputerName RemotePort TcpTestSucceeded
        ------------ ---------- ----------------
        127.0.0.1         55432            False
        """))
    #expect(evidence.facts["tnc.tcp-test-succeeded"] == .bool(false))
    #expect(Fixtures.value(evidence, "remote_port") == 55432)
    #expect(Fixtures.value(evidence, "tests")?.arrayValue?.count == 1)
    #expect(Fixtures.value(evidence, "warnings")?.arrayValue?.count == 1)
  }

  /// `| Select-Object TcpTestSucceeded`: a table of one column.
  @Test func oneColumnTableIsRead() throws {
    let evidence = try EvidenceImporters.read(
      EvidenceText(
        """
        PS C:\\> Test-NetConnection fs01 -Port 445 | Select-Object TcpTestSucceeded

        TcpTestSucceeded
        ----------------
                    True
        """))
    #expect(evidence.kind == .testNetConnection)
    #expect(evidence.skipped.isEmpty)
    #expect(evidence.facts["tnc.tcp-test-succeeded"] == .bool(true))
  }

  /// A table value with spaces goes to the column its words overlap; each row is a test.
  @Test func tableRowsAreTestsAndValuesKeepTheirColumn() throws {
    let evidence = try TestNetConnectionImporter.read(
      EvidenceText(
        """
        ComputerName InterfaceAlias  TcpTestSucceeded
        ------------ --------------- ----------------
        fs01         vEthernet (WSL)             True
        fs02         Ethernet                   False
        """))
    let tests = try #require(Fixtures.value(evidence, "tests")?.arrayValue)
    #expect(tests.count == 2)
    #expect(tests.first?["interface_alias"] == .string("vEthernet (WSL)"))
    #expect(evidence.facts["tnc.tcp-test-succeeded"] == .bool(false))
    #expect(Fixtures.value(evidence, "computer_name") == .string("fs02"))
  }

  /// A test pasted with its WARNING lines only reads as failed that way, and says so.
  @Test func warningsWithoutTheResultReadAsFailed() throws {
    let evidence = try TestNetConnectionImporter.read(
      EvidenceText(
        """
        PS C:\\> Test-NetConnection -ComputerName 10.10.14.55 -Port 4444
        WARNING: TCP connect to 10.10.14.55:4444 failed
        WARNING: Ping to 10.10.14.55 failed -- Status: TimedOut
        """))
    #expect(evidence.facts["tnc.tcp-test-succeeded"] == .bool(false))
    #expect(evidence.facts["tnc.ping-succeeded"] == .bool(false))
    #expect(
      evidence.figures.contains(
        "10.10.14.55: TCP connect failed, ping failed (TimedOut) (from its WARNING lines; the result is not in the paste)"
      ))
  }

  /// A bare `False` after `$ powershell Test-NetConnection …` (run from another shell) is the
  /// result of that command, Quiet or not (held-out set 3, test-netconnection/questdb-…).
  @Test func bareResultAfterTheCommandIsRead() throws {
    let evidence = try EvidenceImporters.read(
      EvidenceText(
        """
        $ powershell Test-NetConnection -ComputerName 127.0.0.1 -Port 8812
        WARNING: TCP connect to (127.0.0.1 : 8812) failed
        False
        """))
    #expect(evidence.kind == .testNetConnection)
    #expect(evidence.skipped.isEmpty)
    #expect(evidence.facts["tnc.tcp-test-succeeded"] == .bool(false))
    #expect(Fixtures.value(evidence, "remote_port") == 8812)
    #expect(Fixtures.value(evidence, "tests")?.arrayValue?.count == 1)
  }

  /// A paste cut after `RemoteAddress` is an error that names the line, not empty evidence.
  @Test func cutBeforeAnyResultIsAnError() throws {
    let error = try #require(
      ImporterChecks.error(
        TestNetConnectionImporter.self,
        """
        ComputerName           : 127.0.0.1
        RemoteAddress          : 127.0.0.1
        """))
    #expect(error.reason == .truncated)
    #expect(error.line == 2)
    #expect(error.message.contains("stops before its result"))
  }
}
