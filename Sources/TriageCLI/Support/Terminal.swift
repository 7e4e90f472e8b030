import Foundation
import TriageKit

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Where the CLI writes: standard output or error, with colour only for a terminal that wants it.
///
/// A terminal can also be a sink (a closure), so the REPL's output is tested without a terminal:
/// the tests choose the width and whether it colours.
struct Terminal: Sendable {
  let descriptor: Int32
  /// Whether to colour: a terminal, `NO_COLOR` unset, `TERM` set and not dumb.
  let colours: Bool
  /// Whether the descriptor is a terminal (only then is text wrapped to its width).
  let isTerminal: Bool
  private let sink: (@Sendable (String) -> Void)?
  private let fixedWidth: Int?

  static let standardOutput = Terminal(descriptor: STDOUT_FILENO)
  static let standardError = Terminal(descriptor: STDERR_FILENO)

  init(descriptor: Int32, environment: [String: String] = ProcessInfo.processInfo.environment) {
    self.descriptor = descriptor
    isTerminal = isatty(descriptor) != 0
    colours = Self.wantsColour(isTerminal: isTerminal, environment: environment)
    sink = nil
    fixedWidth = nil
  }

  /// A terminal that hands its text to `sink`, `width` columns wide (`nil`: no wrapping).
  init(width: Int?, colours: Bool = false, sink: @escaping @Sendable (String) -> Void) {
    descriptor = -1
    isTerminal = width != nil
    self.colours = colours
    self.sink = sink
    fixedWidth = width
  }

  /// Colour for a terminal unless `NO_COLOR` is set (https://no-color.org) or `TERM` is unset or dumb.
  static func wantsColour(isTerminal: Bool, environment: [String: String]) -> Bool {
    guard isTerminal, environment["NO_COLOR"].map(\.isEmpty) ?? true else { return false }
    guard let term = environment["TERM"], !term.isEmpty, term != "dumb" else { return false }
    return true
  }

  static var isInputTerminal: Bool { isatty(STDIN_FILENO) != 0 }

  /// The columns to wrap text at: the terminal's width now (it can change while the REPL runs),
  /// or `nil` for a pipe or file, whose lines are left whole for scripts.
  var width: Int? {
    if sink != nil { return fixedWidth }
    guard isTerminal else { return nil }
    var size = winsize()
    guard ioctl(descriptor, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return 80 }
    return Int(size.ws_col)
  }

  /// Writes text unbuffered, so it interleaves correctly with libedit's own output.
  ///
  /// Control and format characters from input are shown as escapes (``VisibleText``); only the
  /// colour codes of ``styled(_:_:)`` pass. `verbatim` is for output that is ours alone or already
  /// escaped for machines: JSON, the progress line.
  func write(_ text: String, verbatim: Bool = false) {
    let shown = verbatim ? text : VisibleText.escaped(text, keepingColours: colours)
    if let sink {
      sink(shown)
      return
    }
    // A failure is a closed pipe: nobody is reading, and there is nobody to tell.
    SystemWrite.all(Array(shown.utf8), to: descriptor)
  }

  func line(_ text: String = "") { write(text + "\n") }

  /// Writes `message` as an error: `nettriage: error: message` (``ErrorMessage``).
  func error(_ message: String) { line(ErrorMessage.error(message)) }

  /// Writes `text` wrapped to the width at word boundaries; continuation lines start with `hanging`.
  func wrapped(_ text: String, indent: String = "", hanging: String? = nil) {
    let lines = TextWrapper.wrap(
      text, width: width, indent: indent, hanging: hanging ?? indent)
    for line in lines { self.line(line) }
  }

  enum Style: String {
    case bold = "1"
    case dim = "2"
    case red = "31"
    case green = "32"
    case yellow = "33"
    case blue = "34"
    case magenta = "35"
    case cyan = "36"
  }

  func styled(_ text: String, _ style: Style) -> String {
    colours ? "\u{1B}[\(style.rawValue)m\(text)\u{1B}[0m" : text
  }
}
