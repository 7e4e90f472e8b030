/// Marks the escape sequences of a coloured prompt so libedit does not count them as columns.
///
/// libedit measures the prompt to place the cursor; with `EL_PROMPT_ESC` the characters between two
/// ``ignoreMarker``s are printed without moving its idea of the cursor. Marking them here lets callers
/// pass ordinary ANSI-coloured prompts.
enum PromptMarkup {
  /// The character given to `EL_PROMPT_ESC`; it never appears in prompts otherwise.
  static let ignoreMarker: Unicode.Scalar = "\u{1}"

  /// `prompt` with every ANSI escape sequence wrapped in ``ignoreMarker``s.
  ///
  /// A prompt that already contains the marker is returned unchanged: its author placed them.
  static func markingInvisibleSequences(in prompt: String) -> String {
    let scalars = Array(prompt.unicodeScalars)
    guard scalars.contains("\u{1B}"), !scalars.contains(ignoreMarker) else { return prompt }
    var marked = String.UnicodeScalarView()
    var index = 0
    while index < scalars.count {
      guard scalars[index] == "\u{1B}" else {
        marked.append(scalars[index])
        index += 1
        continue
      }
      let end = endOfEscapeSequence(in: scalars, startingAt: index)
      marked.append(ignoreMarker)
      marked.append(contentsOf: scalars[index..<end])
      marked.append(ignoreMarker)
      index = end
    }
    return String(marked)
  }

  /// The index just past the escape sequence that starts at `start` (an ESC).
  private static func endOfEscapeSequence(in scalars: [Unicode.Scalar], startingAt start: Int)
    -> Int
  {
    var index = start + 1
    guard index < scalars.count else { return index }
    switch scalars[index] {
    case "[":
      // CSI: parameter and intermediate bytes, then one final byte in @...~.
      index += 1
      while index < scalars.count, !(0x40...0x7E).contains(scalars[index].value) {
        index += 1
      }
      return min(index + 1, scalars.count)
    case "]":
      // OSC (such as a hyperlink or window title): up to BEL or ESC \.
      index += 1
      while index < scalars.count {
        if scalars[index] == "\u{7}" { return index + 1 }
        if scalars[index] == "\u{1B}", index + 1 < scalars.count, scalars[index + 1] == "\\" {
          return index + 2
        }
        index += 1
      }
      return index
    default:
      return index + 1
    }
  }
}
