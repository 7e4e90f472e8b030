import Testing

/// `--help` read on a narrow terminal: the exit-code table keeps one line a code.
@Suite("help layout")
struct HelpLayoutTests {
  @Test(arguments: [50, 60, 80])
  func theExitCodeTableSurvivesWrapping(columns: Int) throws {
    let run = try BinaryRun.run(["--help"], environment: ["COLUMNS": String(columns)])
    let lines = run.standardOutput.split(separator: "\n", omittingEmptySubsequences: false)
    let start = try #require(lines.firstIndex(of: "Exit codes:"))
    let table = lines[(start + 1)...].prefix { !$0.isEmpty }
    #expect(table.count == 8, "\(table)")
    for line in table {
      #expect(line.count <= columns)
      #expect(line.hasPrefix("  ") && line.dropFirst(2).first?.isNumber == true, "'\(line)'")
    }
  }
}
