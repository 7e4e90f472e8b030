import Testing

@testable import TriageCLI

@Suite struct TextWrapperTests {
  @Test func wrapsAtWordsWithAHangingIndent() {
    let lines = TextWrapper.wrap(
      "keep reaching the same hosts after the sweep", width: 20, indent: "- ", hanging: "  ")
    #expect(lines == ["- keep reaching the", "  same hosts after", "  the sweep"])
  }

  @Test func neverCutsAWordThatFitsOnALine() {
    let text = "the station cannot keep reaching the same hosts, whatever we close"
    for width in 12...40 {
      for line in TextWrapper.wrap(text, width: width) {
        #expect(line.count <= width)
        for word in line.split(separator: " ") {
          #expect(text.contains(" \(word)") || text.hasPrefix(String(word)), "\(word) at \(width)")
        }
      }
    }
  }

  @Test func colourSequencesTakeNoColumns() {
    let bold = "\u{1B}[1mhosts\u{1B}[0m"
    #expect(TextWrapper.visibleWidth(bold) == 5)
    let lines = TextWrapper.wrap("ten \(bold) and more words", width: 14)
    #expect(lines.map(TextWrapper.visibleWidth).allSatisfy { $0 <= 14 })
    #expect(lines.first == "ten \(bold) and")
  }

  @Test func aWordLongerThanTheLineIsTheOnlyThingCut() {
    let lines = TextWrapper.wrap("path /a/very/long/path/name/here.txt ok", width: 12)
    #expect(lines.allSatisfy { $0.count <= 12 })
    #expect(
      lines.joined().replacingOccurrences(of: " ", with: "")
        == "path/a/very/long/path/name/here.txtok")
  }

  @Test func noWidthLeavesLinesWhole() {
    #expect(TextWrapper.wrap("a b c", width: nil, indent: "  ") == ["  a b c"])
  }

  @Test func leadingBlanksStayOnTheFirstLine() {
    #expect(TextWrapper.wrap("  (one two three)", width: 10) == ["  (one two", "three)"])
  }
}
