import Foundation

/// The one shape of the command line's errors: `nettriage: error: …`, or `path:line:column: error: …`
/// when a place in a file is at fault (the compilers' and linters' convention, which editors follow).
///
/// Messages stay lowercase with values in single quotes; only the prefix is decided here, so every
/// command, ArgumentParser's usage errors included, reads the same on standard error.
enum ErrorMessage {
  /// The name errors start with.
  static let program = "nettriage"

  /// `message` as an error line: `nettriage: error: message`.
  static func error(_ message: String) -> String {
    "\(program): error: \(message)"
  }

  /// `message` as a warning line, in the errors' shape: `path:line:column: warning: …` when it
  /// names a place in a file (an error demoted because the run goes on without that input), else
  /// `nettriage: warning: …`.
  static func warning(_ message: String) -> String {
    // A place ends in `:line` or `:line:column`.
    if let range = message.range(of: ": error: "),
      let place = message[..<range.lowerBound].split(separator: ":").last,
      !place.isEmpty, place.allSatisfy(\.isASCIIDigitCharacter)
    {
      return message[..<range.lowerBound] + ": warning: " + message[range.upperBound...]
    }
    let text = message.hasPrefix("error: ") ? String(message.dropFirst("error: ".count)) : message
    return "\(program): warning: \(text)"
  }

  /// A description with its place-less `error: …` lines given the program's name.
  ///
  /// Lines that already start with a place (`path:12:3: error: …`) or a program name are kept.
  static func formatted(_ description: String) -> String {
    description.split(separator: "\n", omittingEmptySubsequences: false).map { line in
      line.hasPrefix("error: ") ? "\(program): \(line)" : String(line)
    }.joined(separator: "\n")
  }

  /// ArgumentParser's message for a command line it refused, in the house shape.
  ///
  /// `Error: Unknown option '--jsno'. Did you mean '--json'?` becomes
  /// `nettriage: error: unknown option '--jsno' (did you mean '--json'?)`; the usage lines after it
  /// are kept as they are.
  static func usage(_ message: String) -> String {
    var lines = message.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    guard let first = lines.first, first.hasPrefix("Error: ") else {
      return message
    }
    var text = String(first.dropFirst("Error: ".count))
    if let range = text.range(of: ". Did you mean ", options: .backwards), text.hasSuffix("?") {
      text =
        text[..<range.lowerBound] + " (did you mean "
        + text[range.upperBound...] + ")"
    }
    if let initial = text.first, initial.isUppercase,
      text.dropFirst().first.map({ !$0.isUppercase }) ?? true
    {
      text = initial.lowercased() + text.dropFirst()
    }
    lines[0] = error(text)
    return lines.joined(separator: "\n")
  }
}

extension Character {
  fileprivate var isASCIIDigitCharacter: Bool { isASCII && isNumber }
}
