import Testing

@testable import LineEditing

@Suite struct VerbatimTextTests {
  @Test func tabsAndEveryLineEndKindAreKept() {
    let bytes = Array("a\tb\r\nc\td\re\tf\ng".utf8)
    #expect(VerbatimText.lines(of: bytes) == ["a\tb", "c\td", "e\tf", "g"])
  }

  @Test func aCRLFPasteThatATerminalDoubledLosesItsEmptyLines() {
    // The clipboard's CRLF arrives as two line ends: every other line is empty.
    let bytes = Array("one\r\rtwo\r\rthree\r\r".utf8)
    #expect(VerbatimText.lines(of: bytes) == ["one", "two", "three"])
  }

  @Test func realEmptyLinesStay() {
    let bytes = Array("Event Type:\tWarning\n\nEvent ID:\t50\nUser:\tN/A\n".utf8)
    #expect(
      VerbatimText.lines(of: bytes) == ["Event Type:\tWarning", "", "Event ID:\t50", "User:\tN/A"])
  }

  @Test func bracketedPasteMarkersAreTakenOut() {
    let bytes = VerbatimText.pasteStart + Array("x\ty".utf8) + VerbatimText.pasteEnd
    let (start, hadStart) = VerbatimText.removing(VerbatimText.pasteStart, from: bytes)
    let (rest, hadEnd) = VerbatimText.removing(VerbatimText.pasteEnd, from: start)
    #expect(hadStart && hadEnd)
    #expect(rest == Array("x\ty".utf8))
  }

  @Test(arguments: [(".", true), (" . ", true), (".\r", true), ("..", false), ("a.", false)])
  func theTerminatorLine(line: String, ends: Bool) {
    #expect(VerbatimText.isTerminator(line, ".") == ends)
  }
}
