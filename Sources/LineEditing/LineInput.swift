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
  /// A paste larger than the reader's limit (``pasteLimit`` unless set otherwise): it was read to
  /// its end and dropped, so none of it is taken as typed input and memory stays bounded. Holds
  /// how many bytes arrived.
  case oversizedPaste(Int)

  /// The largest paste a reader keeps: 256 MiB, the evidence limit (`EvidenceText.maximumSize`),
  /// since a paste is read as evidence.
  public static let pasteLimit = 256 << 20
}
