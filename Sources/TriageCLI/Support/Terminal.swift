import Foundation
import TriageKit

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Where the CLI writes: standard output or error, with colour only for a terminal that wants it.
struct Terminal: Sendable {
  let descriptor: Int32
  /// Whether to colour: a terminal, `NO_COLOR` unset, `TERM` not dumb.
  let colours: Bool

  static let standardOutput = Terminal(descriptor: STDOUT_FILENO)
  static let standardError = Terminal(descriptor: STDERR_FILENO)

  init(descriptor: Int32, environment: [String: String] = ProcessInfo.processInfo.environment) {
    self.descriptor = descriptor
    colours =
      isatty(descriptor) != 0 && environment["NO_COLOR"] == nil && environment["TERM"] != "dumb"
      && environment["TERM"] != nil
  }

  static var isInputTerminal: Bool { isatty(STDIN_FILENO) != 0 }

  /// Writes text unbuffered, so it interleaves correctly with libedit's own output.
  ///
  /// Control and format characters from input are shown as escapes (``VisibleText``); only the
  /// colour codes of ``styled(_:_:)`` pass. `verbatim` is for output that is ours alone or already
  /// escaped for machines: JSON, the progress line.
  func write(_ text: String, verbatim: Bool = false) {
    let shown = verbatim ? text : VisibleText.escaped(text, keepingColours: colours)
    var bytes = Array(shown.utf8)[...]
    while !bytes.isEmpty {
      let written = bytes.withUnsafeBytes { buffer in
        systemWrite(descriptor, buffer.baseAddress!, buffer.count)
      }
      if written < 0 {
        if errno == EINTR { continue }
        return  // A closed pipe: nobody is reading, and there is nobody to tell.
      }
      bytes = bytes.dropFirst(written)
    }
  }

  func line(_ text: String = "") { write(text + "\n") }

  enum Style: String {
    case bold = "1"
    case dim = "2"
    case red = "31"
    case green = "32"
    case yellow = "33"
    case cyan = "36"
  }

  func styled(_ text: String, _ style: Style) -> String {
    colours ? "\u{1B}[\(style.rawValue)m\(text)\u{1B}[0m" : text
  }
}

private func systemWrite(_ descriptor: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
  #if canImport(Glibc)
    Glibc.write(descriptor, buffer, count)
  #else
    Darwin.write(descriptor, buffer, count)
  #endif
}
