import Testing
import TriageKit

@testable import TriageProbes

@Suite("target list")
struct TargetListTests {
  @Test func skipsCommentsAndBlankLinesAndKeepsLineNumbers() throws {
    let text =
      "# hosts to sweep\r\n\r\n192.0.2.1:445\r\n  192.0.2.2:139  # old one\n\t\n[::1]:445\n"
    let list = try TargetList.parse(text, name: "targets.txt")
    #expect(
      list.entries.map(\.target.description) == ["192.0.2.1:445", "192.0.2.2:139", "[::1]:445"])
    #expect(list.entries.map(\.line) == [3, 4, 6])
  }

  @Test func namesFileLineAndColumnOfABadLine() {
    #expect(
      throws: Diagnostic(
        .error, "expected a port from 1 to 65535, found '4x5'",
        at: SourceLocation(file: "targets.txt", line: 2, column: 13))
    ) {
      try TargetList.parse("192.0.2.1:445\n  192.0.2.2:4x5\n", name: "targets.txt")
    }
    #expect(
      throws: Diagnostic(
        .error, "expected one 'host:port' a line, found 'a:1 b:2'",
        at: SourceLocation(file: "t", line: 1, column: 4))
    ) {
      try TargetList.parse("a:1 b:2", name: "t")
    }
  }

  @Test func anEmptyFileHasNoTargets() throws {
    #expect(try TargetList.parse("# nothing\n\n", name: "t").entries.isEmpty)
  }
}
