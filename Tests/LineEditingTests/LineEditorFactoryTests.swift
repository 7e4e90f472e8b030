import Foundation
import LineEditing
import Testing

@Suite struct LineEditorFactoryTests {
  @Test(arguments: [[:], ["TERM": ""], ["TERM": "dumb"]])
  func withoutAUsableTermThereIsNoLibedit(environment: [String: String]) {
    #expect(!LineEditorFactory.isInteractiveTerminal(environment: environment))
    #expect(
      LineEditorFactory.makeLineEditor(historyFile: nil, environment: environment)
        is PlainLineReader)
  }

  @Test func historyFileFollowsXDGStateHome() {
    let file = LineEditorFactory.defaultHistoryFile(environment: [
      "XDG_STATE_HOME": "/tmp/state", "HOME": "/home/agent",
    ])
    #expect(file?.path == "/tmp/state/nettriage/history")
  }

  @Test(arguments: [
    ["HOME": "/home/agent"], ["XDG_STATE_HOME": "relative", "HOME": "/home/agent"],
  ])
  func historyFileFallsBackToLocalState(environment: [String: String]) {
    let file = LineEditorFactory.defaultHistoryFile(environment: environment)
    #expect(file?.path == "/home/agent/.local/state/nettriage/history")
  }

  @Test func noHomeMeansNoHistoryFile() {
    #expect(LineEditorFactory.defaultHistoryFile(environment: [:]) == nil)
  }
}
