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
