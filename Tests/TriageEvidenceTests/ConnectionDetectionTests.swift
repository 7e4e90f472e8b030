import Testing
import TriageKit

@testable import TriageEvidence

/// Auto-detection among the connection-table importers, and their restraint with other evidence.
@Suite struct ConnectionDetectionTests {
  @Test(arguments: ConnectionFixture.all)
  func picksTheRightImporterForEveryFixture(_ fixture: ConnectionFixture) throws {
    let text = try fixture.text()
    let detected = try #require(EvidenceImporters.detect(text))
    #expect("\(detected.importer)" == fixture.importerName)
    let evidence = try EvidenceImporters.read(text)
    #expect(evidence == (try fixture.read()))
  }

  @Test(arguments: ConnectionFixture.all)
  func explicitKindReadsEveryFixture(_ fixture: ConnectionFixture) throws {
    let text = try fixture.text()
    let evidence = try EvidenceImporters.read(text, as: fixture.importer.kind)
    #expect(evidence == (try fixture.read()))
  }

  static let otherEvidence: [String] = [
    """

    Windows IP Configuration

    Ethernet adapter Ethernet:

       Connection-specific DNS Suffix  . : corp.example
       IPv4 Address. . . . . . . . . . . : 10.0.0.5
       Subnet Mask . . . . . . . . . . . : 255.255.255.0
       Default Gateway . . . . . . . . . : 10.0.0.1
    """,
    """
    Server:  dns1.corp.example
    Address:  10.0.0.2

    *** dns1.corp.example can't find fileserver: Non-existent domain
    """,
    """
    #Software: Microsoft Internet Security and Acceleration Server 2006
    #Fields: computer date time IP protocol source destination original client IP source network
    ISA01 2024-01-10 10:00:00 TCP 10.0.0.5:52312 10.0.0.9:445 0xc0040037 Deny
    """,
    """
    Log Name:      System
    Source:        Tcpip
    Event ID:      4226
    Level:         Information
    Description:
    TCP/IP has reached the security limit imposed on the number of concurrent TCP connect attempts.
    """,
    """
    ComputerName     : fileserver
    RemoteAddress    : 10.0.0.9
    RemotePort       : 445
    InterfaceAlias   : Ethernet
    SourceAddress    : 10.0.0.5
    TcpTestSucceeded : True
    """,
    """
    System error 53 has occurred.

    The network path was not found.
    """,
  ]

  @Test(arguments: otherEvidence)
  func doesNotClaimOtherEvidence(_ input: String) throws {
    let text = try EvidenceText(input)
    for importer in ConnectionFixture.importers {
      #expect(importer.recognition(of: text) < ImporterChecks.otherKindCeiling, "\(importer)")
    }
  }

  @Test func theEarliestHeaderWinsWhenOutputsArePastedTogether() throws {
    let ss = try ConnectionFixture.named("ss-tnp.out").bytes
    let windows = try ConnectionFixture.named("windows-10-netstat-an.out").bytes
    let ssFirst = try EvidenceText(bytes: ss + windows, source: "t")
    #expect("\(try #require(EvidenceImporters.detect(ssFirst)).importer)" == "SSImporter")
    let windowsFirst = try EvidenceText(bytes: windows + ss, source: "t")
    #expect(
      "\(try #require(EvidenceImporters.detect(windowsFirst)).importer)" == "WindowsNetstatImporter"
    )
    // Read strictly, each reads its own part and stops with an error at the other's.
    #expect(throws: EvidenceError.self) { try EvidenceImporters.read(ssFirst, strict: true) }
    #expect(throws: EvidenceError.self) { try EvidenceImporters.read(windowsFirst, strict: true) }
  }

  @Test func headerScoresBeatRowShapes() throws {
    let windows = try EvidenceText("  TCP    10.0.0.5:1  10.0.0.9:445  SYN_SENT\n")
    #expect(WindowsNetstatImporter.recognition(of: windows) == 60)
    let linux = try EvidenceText("tcp 0 1 10.0.0.5:1 10.0.0.9:445 SYN_SENT\n")
    #expect("\(try #require(EvidenceImporters.detect(linux)).importer)" == "LinuxNetstatImporter")
    let bsd = try EvidenceText("tcp4 0 0 10.0.0.5.1 10.0.0.9.445 SYN_SENT\n")
    #expect("\(try #require(EvidenceImporters.detect(bsd)).importer)" == "BSDNetstatImporter")
    let ss = try EvidenceText("SYN-SENT 0 1 10.0.0.5:1 10.0.0.9:445\n")
    #expect("\(try #require(EvidenceImporters.detect(ss)).importer)" == "SSImporter")
  }
}
