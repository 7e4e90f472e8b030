import Testing
import TriageKit

@testable import TriageEvidence

/// Auto-detection across the event-log and ISA/TMG importers: each fixture goes to its importer,
/// and none of them claims another helper's command output.
@Suite struct LogImporterDetectionTests {
  static let fixtures: [(path: String, importer: String)] = [
    ("eventviewer-text/tcpip-4227.txt", "EventViewerTextImporter"),
    ("eventviewer-text/xp-mrxsmb-50.txt", "EventViewerTextImporter"),
    ("eventviewer-text/xp-uphclean-readme.txt", "EventViewerTextImporter"),
    ("wevtutil-text/system-6009.txt", "WevtutilTextImporter"),
    ("wevtutil-text/dcom-10016.txt", "WevtutilTextImporter"),
    ("wevtutil-text/kernel-power-107-zh.txt", "WevtutilTextImporter"),
    ("get-winevent-list/security-4727-select-star.txt", "GetWinEventListImporter"),
    ("get-winevent-list/get-eventlog-dcom-10016.txt", "GetWinEventListImporter"),
    ("get-winevent-table/windows-powershell-evtx.txt", "GetWinEventTableImporter"),
    ("event-csv/eventviewer-tab-system.txt", "EventCSVImporter"),
    ("event-csv/eventviewer-save-as.constructed.csv", "EventCSVImporter"),
    ("event-csv/export-csv-get-winevent.constructed.csv", "EventCSVImporter"),
    ("event-csv/xp-eventviewer.constructed.csv", "EventCSVImporter"),
    ("event-xml/xml-view-security-5157.xml", "EventXMLImporter"),
    ("event-xml/xml-view-tcpip-4207.xml", "EventXMLImporter"),
    ("event-xml/wevtutil-kernel-power-42.xml", "EventXMLImporter"),
    ("isa-w3c/isa2004-firewall.w3c.log", "ISAW3CLogImporter"),
    ("isa-w3c/isa2004-webproxy.w3c.log", "ISAW3CLogImporter"),
    ("isa-w3c/isa2006-flood.constructed.w3c.log", "ISAW3CLogImporter"),
    ("isa-w3c/tmg-firewall.constructed.w3c.log", "ISAW3CLogImporter"),
    ("isa-text/log-viewer-copy.constructed.tsv", "ISATextLogImporter"),
    ("isa-text/log-viewer-export.constructed.csv", "ISATextLogImporter"),
    ("isa-text/isa-format.constructed.log", "ISATextLogImporter"),
  ]

  @Test(arguments: fixtures.indices)
  func fixtureGoesToItsImporter(index: Int) throws {
    let (path, name) = Self.fixtures[index]
    let text = try ImporterChecks.text(path)
    let found = try #require(EvidenceImporters.detect(text))
    #expect("\(found.importer)" == name, "\(path)")
    let evidence = try EvidenceImporters.read(text)
    #expect(ImporterChecks.count(evidence) > 0)
    let wide = try EvidenceText(
      bytes: ImporterChecks.utf16LE(try ImporterChecks.fixture(path)), source: path)
    let wideName = EvidenceImporters.detect(wide).map { "\($0.importer)" }
    #expect(wideName == name)
  }

  /// Outputs other importers read; none of the log importers may claim them.
  static let others: [String] = [
    """

    Active Connections

      Proto  Local Address          Foreign Address        State           PID
      TCP    0.0.0.0:135            0.0.0.0:0              LISTENING       912
      TCP    10.0.0.5:50321         10.1.2.3:445           SYN_SENT        4
    """,
    """

    Windows IP Configuration

    Ethernet adapter Ethernet:

       Connection-specific DNS Suffix  . : corp.example
       IPv4 Address. . . . . . . . . . . : 10.0.0.5
       Default Gateway . . . . . . . . . : 10.0.0.1
    """,
    """
    State      Recv-Q Send-Q Local Address:Port  Peer Address:Port
    SYN-SENT   0      1      10.0.0.5:50321      10.1.2.3:445
    """,
    """
    LocalAddress   : 10.0.0.5
    LocalPort      : 50321
    RemoteAddress  : 10.1.2.3
    RemotePort     : 445
    State          : SynSent
    OwningProcess  : 4
    """,
    """
    "LocalAddress","LocalPort","RemoteAddress","RemotePort","State","OwningProcess"
    "10.0.0.5","50321","10.1.2.3","445","SynSent","4"
    """,
    """
    System error 53 has occurred.

    The network path was not found.
    """,
    """
    #Software: Microsoft Internet Information Services 10.0
    #Version: 1.0
    #Date: 2024-03-01 00:00:00
    #Fields: date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip sc-status
    2024-03-01 00:00:01 10.0.0.2 GET / - 80 - 10.0.0.5 200
    """,
  ]

  @Test(arguments: others.indices)
  func otherOutputsAreNotClaimed(index: Int) throws {
    let text = try EvidenceText(Self.others[index])
    for importer in EvidenceImporters.all
    where importer.kind == .eventlog || importer.kind == .isaLog {
      #expect(
        importer.recognition(of: text) < ImporterChecks.otherKindCeiling,
        "\(importer) claims other output \(index)")
    }
  }

  @Test func everyLogImporterIsRegistered() {
    let names = Set(EvidenceImporters.all.map { "\($0)" })
    for name in Set(Self.fixtures.map(\.importer)) { #expect(names.contains(name)) }
    #expect(EvidenceImporters.importers(of: .eventlog).count == 7)
    #expect(EvidenceImporters.importers(of: .isaLog).count == 2)
  }
}
