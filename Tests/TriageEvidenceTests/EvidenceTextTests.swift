import Testing
import TriageKit

@testable import TriageEvidence

@Suite struct EvidenceTextTests {
  @Test func decodesUTF16LEWithBOM() throws {
    let utf16: [UInt8] =
      [0xFF, 0xFE] + "a\r\nb".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
    let text = try EvidenceText(bytes: utf16, source: "t")
    #expect(text.encoding == .utf16LE)
    #expect(text.lines.map(\.text) == ["a", "b"])
  }

  @Test func stripsUTF8BOMAndMixedLineEnds() throws {
    let text = try EvidenceText(bytes: [0xEF, 0xBB, 0xBF] + Array("x\ry\r\nz\n".utf8), source: "t")
    #expect(text.encoding == .utf8BOM)
    #expect(text.lines.map(\.text) == ["x", "y", "z"])
    #expect(text.lines.map(\.number) == [1, 2, 3])
  }

  @Test func skipsPromptLinesAndQuotingKeepingLineNumbers() throws {
    let text = try EvidenceText(
      "> C:\\Users\\ops>netstat -ano\n>\n>   TCP    1.2.3.4:1  5.6.7.8:445  SYN_SENT  4\n")
    #expect(text.isQuoted)
    #expect(text.command == "netstat -ano")
    let lines = Array(text.lines)
    #expect(lines.map(\.number) == [2, 3])
    #expect(lines[1].fields.count == 5)
  }

  @Test func recognisesPowerShellAndShellPrompts() {
    #expect(
      EvidenceText.promptCommand(ArraySlice("PS C:\\> Get-NetTCPConnection".utf8))
        == "Get-NetTCPConnection")
    #expect(EvidenceText.promptCommand(ArraySlice("ops@mgmt:~$ ss -tan".utf8)) == "ss -tan")
    #expect(EvidenceText.promptCommand(ArraySlice("  TCP 0.0.0.0:135 LISTENING".utf8)) == nil)
    #expect(EvidenceText.promptCommand(ArraySlice("#Fields: date time".utf8)) == nil)
  }

  /// Bash's `\w \$` prompt (`~ $`, fizyk/port-for #12) and PowerShell started from another shell
  /// (`$ powershell Test-NetConnection …`), from the held-out set 3 pastes.
  @Test func recognisesDirectoryPromptsAndPowerShellFromAnotherShell() {
    let cat = "~ $ cat /proc/sys/net/ipv4/ip_local_port_range"
    #expect(EvidenceText.isPromptLine(ArraySlice(cat.utf8)))
    #expect(
      EvidenceText.promptCommand(ArraySlice(cat.utf8))
        == "cat /proc/sys/net/ipv4/ip_local_port_range")
    #expect(EvidenceText.isPromptLine(ArraySlice("/tmp # sysctl -a".utf8)))
    #expect(!EvidenceText.isPromptLine(ArraySlice("~/notes and $ signs".utf8)))
    #expect(!EvidenceText.isPromptLine(ArraySlice("/proc/sys/net/core/somaxconn:4096".utf8)))
    let tnc = "$ powershell Test-NetConnection -ComputerName 127.0.0.1 -Port 8812"
    #expect(EvidenceText.isPromptLine(ArraySlice(tnc.utf8)))
    #expect(
      EvidenceText.promptCommand(ArraySlice(tnc.utf8))
        == "powershell Test-NetConnection -ComputerName 127.0.0.1 -Port 8812")
    #expect(EvidenceText.promptCommand(ArraySlice("$ powershell Write-Host hi".utf8)) == nil)
  }

  @Test func refusesOversizedAndEmptyInput() throws {
    #expect(throws: EvidenceError.self) { try EvidenceImporters.read(try EvidenceText("  \n\n")) }
  }

  @Test func refusesLocalizedWindowsOutput() throws {
    // German, Chinese, French… netstat and ipconfig are translated (LenientPasteTests); Dutch is not.
    let text = try EvidenceText("\nActieve verbindingen\n\n  Proto  Lokaal adres\n")
    do {
      _ = try EvidenceImporters.read(text)
      Issue.record("read localized output")
    } catch {
      #expect(error.reason == .unsupportedLanguage)
      #expect(error.line == 2)
    }
  }

  @Test func canonicalStateSpellings() {
    #expect(TCPState(spelling: "SYN-SENT") == .synSent)
    #expect(TCPState(spelling: "ESTAB") == .established)
    #expect(TCPState(spelling: "SynSent") == .synSent)
    #expect(TCPState(spelling: "LISTENING") == .listen)
    #expect(TCPState(spelling: "TIME_WAIT") == .timeWait)
    #expect(TCPState(spelling: "FIN_WAIT2") == .finWait2)
    #expect(TCPState(spelling: "bogus") == nil)
    #expect(TCPState.timeWait.factName == "time-wait")
  }

  @Test func endpoints() {
    let v6 = Bytes.endpoint(ArraySlice("[fe80::1%4]:139".utf8))
    #expect(v6.map { String(decoding: $0.address, as: UTF8.self) } == "fe80::1%4")
    #expect(v6?.port == 139)
    #expect(Bytes.endpoint(ArraySlice("*:*".utf8))?.port == nil)
    #expect(Bytes.endpoint(ArraySlice("10.0.0.5.445".utf8), dottedPort: true)?.port == 445)
    #expect(Bytes.int(ArraySlice("1,214".utf8)) == 1214)
    #expect(Bytes.hex(ArraySlice("0xC0040037".utf8)) == 0xC004_0037)
  }
}
