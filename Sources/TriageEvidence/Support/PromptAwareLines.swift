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

extension EvidenceText {
  /// The lines, numbered as in the original input, without quoting and line ends, with prompt lines
  /// kept as ``PromptAwareLine/prompt(number:command:)``. One pass, like ``lines``.
  var linesWithPrompts: PromptAwareLines {
    PromptAwareLines(
      bytes: bytes, quoted: isQuoted, excluded: excludedLines, indentation: indentation)
  }
}

/// The sequence behind ``EvidenceText/linesWithPrompts``.
struct PromptAwareLines: Sequence {
  let bytes: [UInt8]
  let quoted: Bool
  var excluded: Set<Int> = []
  var indentation = 0

  func makeIterator() -> Iterator {
    Iterator(bytes: bytes, quoted: quoted, excluded: excluded, indentation: indentation)
  }

  struct Iterator: IteratorProtocol {
    let bytes: [UInt8]
    let quoted: Bool
    let excluded: Set<Int>
    let indentation: Int
    var position = 0
    var number = 0

    mutating func next() -> PromptAwareLine? {
      while let line = nextIncludingExcluded() {
        if excluded.isEmpty { return line }
        switch line {
        case .line(let content) where excluded.contains(content.number): continue
        case .prompt(let number, _) where excluded.contains(number): continue
        default: return line
        }
      }
      return nil
    }

    private mutating func nextIncludingExcluded() -> PromptAwareLine? {
      guard position < bytes.count else { return nil }
      number += 1
      var content = EvidenceText.nextLine(in: bytes, at: &position)
      if quoted { content = EvidenceText.unquote(content) }
      if indentation > 0 { content = EvidenceText.dedent(content, by: indentation) }
      if EvidenceText.isPromptLine(content),
        let command = EvidenceText.promptCommand(content)
      {
        return .prompt(number: number, command: command)
      }
      return .line(EvidenceLine(number: number, bytes: content))
    }
  }
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
