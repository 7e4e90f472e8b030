/// One line of evidence, or the shell prompt line that ran a command.
///
/// `EvidenceText.lines` skips prompt lines; the Windows importers of `net use` and `nslookup` need
/// them, because the command line names the target (`net use \\host\ipc$`) or starts a new lookup.
enum PromptAwareLine {
  /// An ordinary line.
  case line(EvidenceLine)
  /// A prompt line (`C:\>net use \\srv\ipc$`) with the command typed after the prompt.
  case prompt(number: Int, command: String)
}

extension PromptAwareLine {
  /// The command of a prompt line whose command the decoder does not know (`C:\>ping host`,
  /// `PS C:\> $result`), or `nil` when the line is no prompt: output of another command follows.
  static func foreignPrompt(_ trimmed: ArraySlice<UInt8>) -> String? {
    var body = trimmed
    if body.starts(with: "PS ".utf8) { body = Bytes.trim(body.dropFirst(3)) }
    guard body.count >= 3, let first = body.first,
      (65...90).contains(first) || (97...122).contains(first),
      body[body.startIndex + 1] == UInt8(ascii: ":"), body[body.startIndex + 2] == 92,
      let close = body.firstIndex(of: UInt8(ascii: ">"))
    else { return nil }
    return String(decoding: Bytes.trim(body[(close + 1)...]), as: UTF8.self)
  }

  /// Whether a command runs `name` (`ipconfig /all`, `IPCONFIG.EXE`), ignoring case.
  static func command(_ command: String, runs names: [String]) -> Bool {
    let word = command.prefix { $0 != " " && $0 != "\t" }.lowercased()
    return names.contains { word == $0 || word == $0 + ".exe" }
  }
}
