/// A line-by-line reader of a Windows command's output that needs the prompt lines too: the
/// command typed names the target (`net use \\host\ipc$`, `Test-NetConnection host`).
protocol PromptAwareReader {
  /// A reader for the text of `source`.
  init(source: String)
  /// A prompt line and the command typed after it.
  mutating func prompt(_ command: String, line: Int)
  /// An ordinary line.
  mutating func read(_ line: EvidenceLine) throws(EvidenceError)
  /// The evidence read, or why there is none.
  mutating func finish() throws(EvidenceError) -> Evidence
}

extension PromptAwareReader {
  /// Reads `text` in one pass, prompts and lines in order.
  static func evidence(from text: EvidenceText) throws(EvidenceError) -> Evidence {
    var reader = Self(source: text.source)
    for item in text.linesWithPrompts {
      switch item {
      case .prompt(let number, let command):
        reader.prompt(command, line: number)
      case .line(let line):
        try reader.read(line)
      }
    }
    return try reader.finish()
  }
}
