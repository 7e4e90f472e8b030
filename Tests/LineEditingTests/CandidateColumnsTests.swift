import Testing

@testable import LineEditing

@Suite struct CandidateColumnsTests {
  @Test func fillsColumnsTopToBottom() {
    let lines = CandidateColumns.lines(for: ["a", "b", "c", "d", "e"], width: 9)
    // Each column is 1 + 2 wide, so three fit in 9; two rows hold five candidates.
    #expect(lines == ["a  c  e", "b  d"])
  }

  @Test func aNarrowTerminalGetsOneCandidatePerLine() {
    #expect(CandidateColumns.lines(for: [".help", ".hello"], width: 4) == [".help", ".hello"])
  }

  @Test func aWideTerminalGetsOneLine() {
    #expect(
      CandidateColumns.lines(for: [".help", ".hello", ".history"], width: 80)
        == [".help     .hello    .history"])
  }

  @Test func noCandidatesNoLines() {
    #expect(CandidateColumns.lines(for: [], width: 80).isEmpty)
  }
}
