import Testing

@testable import TriageCLI

@Suite struct ErrorMessageTests {
  @Test func anErrorNamesTheProgram() {
    #expect(ErrorMessage.error("no session 'x'") == "nettriage: error: no session 'x'")
  }

  @Test func placelessErrorLinesGetTheProgramsNameAndFileErrorsKeepTheirPlace() {
    let text = "error: cannot read 'a'\nk.yaml:3:4: error: unknown key 'b'\nmissing: q"
    #expect(
      ErrorMessage.formatted(text)
        == "nettriage: error: cannot read 'a'\nk.yaml:3:4: error: unknown key 'b'\nmissing: q")
  }

  @Test(arguments: [
    // An error about a place in a file, demoted because the run goes on without that file.
    ("a b.txt:3: error: no rows", "a b.txt:3: warning: no rows"),
    ("error: cannot read 'x'", "nettriage: warning: cannot read 'x'"),
    ("the knowledge base changed", "nettriage: warning: the knowledge base changed"),
    // A message that only mentions an error is not a place.
    ("the file says error: 5 here", "nettriage: warning: the file says error: 5 here"),
  ])
  func warningsTakeTheErrorsShape(message: String, expected: String) {
    #expect(ErrorMessage.warning(message) == expected)
  }

  @Test(arguments: [
    (
      "Error: Unknown option '--jsno'. Did you mean '--json'?\nUsage: nettriage parse",
      "nettriage: error: unknown option '--jsno' (did you mean '--json'?)\nUsage: nettriage parse"
    ),
    (
      "Error: Missing expected argument '<file>'",
      "nettriage: error: missing expected argument '<file>'"
    ),
    ("Error: --rate '0': expected N", "nettriage: error: --rate '0': expected N"),
    // An initialism keeps its capitals.
    ("Error: SOURCE_DATE_EPOCH is wrong", "nettriage: error: SOURCE_DATE_EPOCH is wrong"),
    ("Usage: nettriage", "Usage: nettriage"),
  ])
  func argumentParsersMessagesTakeTheHouseShape(message: String, expected: String) {
    #expect(ErrorMessage.usage(message) == expected)
  }
}
