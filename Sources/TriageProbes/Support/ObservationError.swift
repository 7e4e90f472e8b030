#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Why a probe could not read what it looked at; a probe turns it into a `failed` status whose
/// reason is ``description``.
public enum ObservationError: Error, Sendable, Equatable, CustomStringConvertible {
  /// A line of a file did not have the expected shape.
  case malformed(file: String, line: Int, expected: String, found: String)
  /// A file is absent or unreadable.
  case unreadable(file: String)
  /// A system call failed with `errno`.
  case system(call: String, code: Int32)
  /// A reply from the kernel or a server that breaks its own format.
  case badReply(String)
  /// A request the probe cannot make: a malformed name or server address.
  case invalidRequest(String)

  /// The reason as a probe's status gives it: lowercase, values in single quotes.
  public var description: String {
    switch self {
    case .malformed(let file, let line, let expected, let found):
      return "'\(file)' line \(line): expected \(expected), found '\(found)'"
    case .unreadable(let file):
      return "cannot read '\(file)'"
    case .system(let call, let code):
      return "\(call) failed: \(String(cString: strerror(code))) (errno \(code))"
    case .badReply(let what), .invalidRequest(let what):
      return what
    }
  }
}
