/// What one call to ``LineEditor/readLine(prompt:)`` produced.
///
/// Interrupt and end of input are values rather than errors because both are ordinary at a prompt: a
/// REPL abandons the line on ``interrupted`` and leaves on ``endOfFile``.
public enum LineInput: Equatable, Sendable {
  /// A complete line, without its line terminator.
  case line(String)
  /// Several lines that arrived at once (a paste), with every character as sent: Tabs are kept
  /// and nothing was completed. Lines are separated by "\n".
  case pasted(String)
  /// The person pressed Ctrl-C: the line was abandoned and the process keeps running.
  case interrupted
  /// Input ended: Ctrl-D on an empty line, or the end of a pipe or file.
  case endOfFile
}
