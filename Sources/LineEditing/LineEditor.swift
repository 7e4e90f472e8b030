/// Proposes completions for the word before the cursor.
///
/// Receives the text from the start of the line to the cursor and returns full replacement words for
/// the word being typed (the text after the last space; for a line such as `.he` that is the command
/// itself). Candidates that do not start with that word are ignored, so a completer may return every
/// word that fits the context and let the editor narrow them down.
public typealias LineCompleter = (_ lineBeforeCursor: String) -> [String]

/// Reads lines from a person or a script, one prompt at a time.
///
/// The REPL depends on this protocol only, so it runs the same over libedit on a terminal and over a
/// plain reader on a pipe. Implementations are used from one thread and are not `Sendable`.
public protocol LineEditor: AnyObject {
  /// Called on Tab; `nil` turns completion off.
  var completer: LineCompleter? { get set }

  /// Shows `prompt` and blocks until a line, a paste of several lines, an interrupt or the end of
  /// input.
  func readLine(prompt: String) -> LineInput

  /// Reads text verbatim until a line holding only `terminator`, the end of input or, on a
  /// terminal that brackets pastes, the end of the paste.
  ///
  /// Nothing is edited or completed: Tabs and every other character arrive as sent. Returns
  /// ``LineInput/pasted(_:)`` with the lines read (possibly none), or ``LineInput/interrupted``
  /// when the person pressed Ctrl-C.
  func readVerbatim(terminator: String) -> LineInput

  /// Remembers `line` for recall and, where there is a history file, saves it at once.
  ///
  /// Blank lines are not remembered. Saving after every line means a crash loses nothing.
  func addHistory(_ line: String)
}
