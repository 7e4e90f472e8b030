import Foundation
import Testing
import TriageKit

@testable import TriageEvidence

/// Rows and values wrapped by a terminal or an e-mail client are joined again.
///
/// The wrapped inputs are built from real outputs in Fixtures (sources in each SOURCES.md) the way
/// a terminal or a mail client wraps them: `fold -w 80` (a console cuts every line at 80 columns,
/// mid-word) and `fold -s -w 76` (a client moves the word that does not fit to the next line).
/// Reading one must give the same facts as reading the real output it was built from; all but the
/// padded `ss -tulpen` read differently, or not at all, before wrapped lines were joined.
@Suite struct WrappedLinesTests {
  /// A real output and how it is wrapped.
  struct Case: CustomTestStringConvertible, Sendable {
    let file: String
    let atSpaces: Bool
    var testDescription: String { "\(file) \(atSpaces ? "fold -s -w 76" : "fold -w 80")" }
  }

  static let terminalCases = [
    "get-nettcpconnection/owning-process-table.out",
    "get-nettcpconnection/state-listen-established-table.out",
    "netstat/osx-10.14.6-netstat-An.out",
    "ss/ss-sudo-tulanp.out",
    "ss/ss-tulpan-ens160.out",
    // Every line padded to 80 columns: the join stops at the next row, which starts alike.
    "ss/ubuntu-18.04-ss-sudo-tulpen.out",
    "get-winevent-table/windows-powershell-evtx.txt",
    "kernel-log/lede-5072-syn-flooding-kern-info.paste",
    "event-lines/wsl-2913-4227-message-after-colon.paste",
    "netstat/guanhui07-191-chinese-time-wait.paste",
    "ss/osquery-4173-ss-tauepnn-cut.paste",
  ].map { Case(file: $0, atSpaces: false) }

  static let mailCases = [
    "get-nettcpconnection/owning-process-table.out",
    "get-nettcpconnection/state-listen-established-table.out",
    "netstat/osx-10.14.6-netstat-An.out",
    "ss/ss-sudo-tulanp.out",
    "ss/ss-tulpan-ens160.out",
    "get-winevent-table/windows-powershell-evtx.txt",
    "kernel-log/lede-5072-syn-flooding-kern-info.paste",
    "event-lines/wsl-2913-4227-message-after-colon.paste",
    "event-lines/errorcode-pro-4227-messagetext-wrapped.paste",
    "netstat/guanhui07-191-chinese-time-wait.paste",
    // Portuguese: the wrapped lines are found before the labels are translated.
    "ipconfig/pt-aula03-all-no-header.paste",
  ].map { Case(file: $0, atSpaces: true) }

  static func real(_ file: String) throws -> String {
    let url = LenientPasteTests.fixtures.appendingPathComponent(file)
    return String(decoding: try Data(contentsOf: url), as: UTF8.self)
  }

  static func read(_ text: String, source: String) throws -> Evidence {
    try EvidenceImporters.read(try EvidenceText(bytes: Array(text.utf8), source: source))
  }

  /// `fold -w width`: every line cut into pieces of `width` characters.
  static func fold(_ text: String, width: Int) -> String {
    text.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
      var pieces: [Substring] = []
      var rest = Substring(line)
      while rest.count > width {
        pieces.append(rest.prefix(width))
        rest = rest.dropFirst(width)
      }
      pieces.append(rest)
      return pieces.joined(separator: "\n")
    }.joined(separator: "\n")
  }

  /// `fold -s -w width`: a line longer than `width` is cut after its last space that fits (the
  /// space stays on the first piece), or at `width` when no space fits.
  static func foldAtSpaces(_ text: String, width: Int) -> String {
    text.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
      var pieces: [Substring] = []
      var rest = Substring(line)
      while rest.count > width {
        let window = rest.prefix(width)
        let cut = window.lastIndex(of: " ").map { rest.index(after: $0) } ?? window.endIndex
        pieces.append(rest[..<cut])
        rest = rest[cut...]
      }
      pieces.append(rest)
      return pieces.joined(separator: "\n")
    }.joined(separator: "\n")
  }

  @Test(arguments: terminalCases + mailCases)
  func wrappedOutputGivesTheFactsOfTheRealOne(_ wrapping: Case) throws {
    let text = try Self.real(wrapping.file)
    let expected = try Self.read(text, source: wrapping.file)
    let wrapped =
      wrapping.atSpaces ? Self.foldAtSpaces(text, width: 76) : Self.fold(text, width: 80)
    #expect(wrapped != text)
    let evidence = try Self.read(wrapped, source: wrapping.file)
    #expect(evidence.kind == expected.kind)
    #expect(evidence.facts == expected.facts)
    #expect(!evidence.rejoinedLines.isEmpty)
  }

  @Test func windowsNetstatRowsWithScopedIPv6AddressesWrappedAt80() throws {
    // Rows of a real `netstat -ano` (an HTB write-up, code search index file id 30280769691) under
    // the header netstat prints; the link-local rows are 90 and 102 columns wide.
    let rows = [
      "  Proto  Local Address          Foreign Address        State           PID",
      "  TCP    [::1]:49680            [::1]:389              ESTABLISHED     2992",
      "  TCP    [::1]:49696            [::1]:389              ESTABLISHED     2948",
      "  TCP    [::1]:49697            [::1]:389              ESTABLISHED     2948",
      "  TCP    [dead:beef::14a]:53    [::]:0                 LISTENING       2948",
      "  TCP    [fe80::e900:66ee:c9a5:cec9%10]:53  [::]:0                 LISTENING       2948",
      "  TCP    [fe80::e900:66ee:c9a5:cec9%10]:389  [fe80::e900:66ee:c9a5:cec9%10]:52934"
        + "  ESTABLISHED     628",
      "  TCP    [fe80::e900:66ee:c9a5:cec9%10]:389  [fe80::e900:66ee:c9a5:cec9%10]:52937"
        + "  ESTABLISHED     628",
    ].joined(separator: "\n")
    // Before: the cut rows ('…:5293' / '4  ESTABLISHED     628') were set aside, 3 and 1.
    let evidence = try Self.read(Self.fold(rows, width: 80), source: "netstat -ano at 80")
    #expect(evidence.facts["tcp.established"]?.display == "5")
    #expect(evidence.facts["tcp.listen"]?.display == "2")
    #expect(evidence.skipped.isEmpty)
  }

  @Test func valueWrappedAtASpaceIsJoinedToItsLabel() throws {
    // The IPv6 address moved below its label by a client wrapping at 76 columns.
    let wrapped = Self.foldAtSpaces(
      try Self.real("ipconfig/docksal-1352-all-cut.paste"), width: 76)
    let evidence = try Self.read(wrapped, source: "docksal wrapped")
    #expect(evidence.rejoinedLines == [32])
    #expect(evidence.skipped.map(\.line) == [34])
    #expect(evidence.facts["ipconfig.ipv4"]?.display == "10.0.75.1")
  }

  @Test func terminalWrappingNeedsALineOfExactlyTheWidth() throws {
    let row = "tcp    ESTAB  0  0  10.0.0.5:52312  10.0.0.9:445  users:((\"smbd\",pid=1,fd=3))"
    #expect(EvidenceText.displayWidth(Array(row.utf8)[...]) < 80)
    #expect(try EvidenceText(row + "\nnext\n").unwrappingTerminalLines()?.joined == nil)
    // A line wider than 80 columns: the text was not wrapped at 80.
    let wide = String(repeating: "x", count: 80) + "\n" + String(repeating: "y", count: 90)
    #expect(try EvidenceText(wide).unwrappingTerminalLines()?.joined == nil)
  }

  @Test func terminalWrappedLinesAreJoinedKeepingLineNumbers() throws {
    let long = String(repeating: "a", count: 80) + String(repeating: "b", count: 85) + "c"
    let text = try EvidenceText("first\n" + Self.fold(long, width: 80) + "\nlast\n")
    let (unwrapped, joined) = try #require(text.unwrappingTerminalLines())
    #expect(joined == [2])
    let lines = unwrapped.lines.map { ($0.number, $0.text) }
    #expect(lines.map(\.0) == [1, 2, 5])
    #expect(lines.map(\.1) == ["first", long, "last"])
  }

  @Test func mailWrappedLinesAreJoinedWithASpace() throws {
    // The kernel line of coolsnowwolf/lede #5072 (kernel-log fixtures) as a client wraps it at 76.
    let line =
      "kern.info kernel: [31617.809376] TCP: request_sock_TCP: Possible SYN flooding on port 5000."
    let text = try EvidenceText(Self.foldAtSpaces(line, width: 76) + "\nshort line\nnext\n")
    let (unwrapped, joined) = try #require(text.unwrappingMailLines())
    #expect(joined == [1])
    #expect(unwrapped.lines.map(\.text) == [line, "short line", "next"])
    // Lines far from any wrap width stay as they are.
    #expect(try EvidenceText("a short line\nand another\n").unwrappingMailLines()?.joined == nil)
  }

  /// A text with a line a client would have wrapped (wider than a terminal, with spaces) was not
  /// wrapped at spaces: its rows no wider than a terminal are not joined (held-out set 3, the
  /// French lab's custom-object table, whose rows are 74 to 102 columns wide).
  @Test func textWithALongLineThatHasSpacesIsNotMailWrapped() throws {
    let row = String(repeating: "x", count: 60) + " yyyyyyyyyyyy"
    let wrapped = row + "\nzzzzzzzzzz next\n"
    #expect(try EvidenceText(wrapped).unwrappingMailLines()?.joined == [1])
    let long = String(repeating: "w ", count: 45)
    #expect(try EvidenceText(wrapped + long + "\n").unwrappingMailLines() == nil)
    // A long word cannot be wrapped at a space: it says nothing.
    let url = "https://example.org/" + String(repeating: "a", count: 90)
    #expect(try EvidenceText(wrapped + url + "\n").unwrappingMailLines()?.joined == [1])
  }

  @Test func wideCharactersTakeTwoColumns() {
    #expect(EvidenceText.displayWidth(Array("协议  本地地址".utf8)[...]) == 14)
    #expect(EvidenceText.displayWidth(Array("État".utf8)[...]) == 4)
  }
}
