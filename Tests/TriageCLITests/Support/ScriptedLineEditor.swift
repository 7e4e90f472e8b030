import Foundation
import LineEditing

/// A line editor that replays a script, for driving the REPL in-process: each `readLine` or
/// `readVerbatim` takes the next entry; the end of the script is the end of input.
final class ScriptedLineEditor: LineEditor {
  var completer: LineCompleter?
  private var script: [LineInput]
  /// The prompts shown, in order.
  private(set) var prompts: [String] = []

  init(_ script: [LineInput]) {
    self.script = script
  }

  /// A script of typed lines.
  convenience init(lines: [String]) {
    self.init(lines.map(LineInput.line))
  }

  func readLine(prompt: String) -> LineInput {
    prompts.append(prompt)
    return script.isEmpty ? .endOfFile : script.removeFirst()
  }

  func readVerbatim(terminator: String) -> LineInput {
    script.isEmpty ? .endOfFile : script.removeFirst()
  }

  func addHistory(_ line: String) {}
}

/// What a `Terminal` sink received.
final class CapturedOutput: @unchecked Sendable {
  private let lock = NSLock()
  private var storage = ""

  var text: String { lock.withLock { storage } }

  func append(_ text: String) {
    lock.withLock { storage += text }
  }
}
