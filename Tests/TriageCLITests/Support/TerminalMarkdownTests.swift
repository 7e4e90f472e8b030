import Testing

@testable import TriageCLI

@Suite struct TerminalMarkdownTests {
  static let plain = Terminal(width: 60) { _ in }
  static let coloured = Terminal(width: 60, colours: true) { _ in }

  @Test(arguments: [
    (
      "What do **IPv4 Address** and `ipconfig /all` show?",
      "What do IPv4 Address and ipconfig /all show?"
    ),
    ("See [the docs](https://example.com/x).", "See the docs (https://example.com/x)."),
    ("5 * 3 stays, *stress* goes", "5 * 3 stays, stress goes"),
    ("an escaped \\* star", "an escaped * star"),
    ("ERROR_BAD_NETPATH keeps its underscores", "ERROR_BAD_NETPATH keeps its underscores"),
    ("``code with ` tick``", "code with ` tick"),
  ])
  func inlineSyntaxIsRenderedNotShown(markdown: String, shown: String) {
    #expect(TerminalMarkdown.inline(markdown, on: Self.plain) == shown)
  }

  @Test func boldAndCodeAreStyledOnAColourTerminal() {
    let text = TerminalMarkdown.inline("**53** or `net use`", on: Self.coloured)
    #expect(text == "\u{1B}[1m53\u{1B}[0m or \u{1B}[36mnet use\u{1B}[0m")
  }

  @Test func listsGetBulletsAndHangingIndents() {
    let lines = TerminalMarkdown.lines(
      """
      Check these:

      - the **ISA** log for the station's address, filtered by result code
      - the event log
      1. first
      """, on: Terminal(width: 30) { _ in })
    #expect(
      lines == [
        "Check these:", "", "• the ISA log for the", "  station's address, filtered",
        "  by result code", "• the event log", "1. first",
      ])
  }

  @Test func paragraphLinesAreJoinedBeforeWrapping() {
    let lines = TerminalMarkdown.lines("one line\nthat goes on", on: Terminal(width: 80) { _ in })
    #expect(lines == ["one line that goes on"])
  }
}
