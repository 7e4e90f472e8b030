import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Chooses the line editor that suits how the program was started.
public enum LineEditorFactory {
  /// A libedit editor for a person at a terminal, otherwise a ``PlainLineReader``.
  ///
  /// libedit is used only when standard input and output are both terminals and `TERM` names a
  /// terminal that can be driven (set and not `dumb`); anything else (a pipe, a file, an editor's
  /// shell buffer) gets plain line reading, which never waits for a terminal. A dumb terminal still
  /// gets prompts; a pipe gets them only when the output is a terminal.
  ///
  /// - Parameter historyFile: where libedit keeps history, usually ``defaultHistoryFile(environment:)``;
  ///   `nil` keeps it in memory. Plain reading keeps none.
  public static func makeLineEditor(
    historyFile: URL?,
    environment: [String: String] = ProcessInfo.processInfo.environment
  ) -> any LineEditor {
    if isInteractiveTerminal(environment: environment),
      let editor = LibeditLineEditor(historyFile: historyFile)
    {
      return editor
    }
    let dumbTerminal = isatty(STDIN_FILENO) != 0 && isatty(STDOUT_FILENO) != 0
    return PlainLineReader(promptVisibility: dumbTerminal ? .always : .whenOutputIsTerminal)
  }

  /// Whether standard input and output are a terminal that libedit can drive.
  public static func isInteractiveTerminal(environment: [String: String]) -> Bool {
    guard isatty(STDIN_FILENO) != 0, isatty(STDOUT_FILENO) != 0 else { return false }
    guard let term = environment["TERM"], !term.isEmpty, term != "dumb" else { return false }
    return true
  }

  /// `$XDG_STATE_HOME/nettriage/history`, falling back to `~/.local/state` as the XDG spec says.
  ///
  /// A relative `XDG_STATE_HOME` is ignored, as the spec requires. Returns `nil` when neither it nor
  /// `HOME` is usable, in which case history stays in memory.
  public static func defaultHistoryFile(environment: [String: String]) -> URL? {
    let stateHome: URL
    if let path = environment["XDG_STATE_HOME"], path.hasPrefix("/") {
      stateHome = URL(fileURLWithPath: path, isDirectory: true)
    } else if let home = environment["HOME"], home.hasPrefix("/") {
      stateHome = URL(fileURLWithPath: home, isDirectory: true)
        .appendingPathComponent(".local/state", isDirectory: true)
    } else {
      return nil
    }
    return stateHome.appendingPathComponent("nettriage/history", isDirectory: false)
  }
}
