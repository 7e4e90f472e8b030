import Testing

@testable import TriageCLI

@Suite struct TerminalTests {
  @Test(arguments: [
    (true, ["TERM": "xterm-256color"], true),
    (true, ["TERM": "xterm-256color", "NO_COLOR": "1"], false),
    (true, ["TERM": "dumb"], false),
    (true, [:], false),
    (false, ["TERM": "xterm-256color"], false),
    (true, ["TERM": "xterm", "NO_COLOR": ""], true),
  ])
  func colourOnlyWhereItIsWanted(isTerminal: Bool, environment: [String: String], colours: Bool) {
    #expect(Terminal.wantsColour(isTerminal: isTerminal, environment: environment) == colours)
  }
}
