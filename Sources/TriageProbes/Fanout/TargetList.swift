import Foundation
import TriageKit

/// The targets of a fan-out, read from the person's file: one `host:port` a line; `#` starts a
/// comment; blank lines are skipped.
///
/// Targets come only from this file: the probe never invents, expands or scans addresses.
public struct TargetList: Sendable, Equatable {
  /// One target and the line it came from.
  public struct Entry: Sendable, Equatable {
    /// The target.
    public var target: HostPort
    /// Its line in the file, from 1.
    public var line: Int
  }

  /// The file's name as the person gave it (for messages and the consent text).
  public var name: String
  /// The targets in file order; a target listed twice is tried twice.
  public var entries: [Entry]

  /// Reads `text`; a line that is not a target is an error naming `name:line:column`.
  public static func parse(_ text: String, name: String) throws(Diagnostic) -> TargetList {
    var entries: [Entry] = []
    var number = 0
    // "\r\n" is one Character in Swift, and a newline like "\n" and "\r".
    for rawLine in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
      number += 1
      var line = rawLine
      if let hash = line.firstIndex(of: "#") { line = line[..<hash] }
      let leading = line.prefix { $0 == " " || $0 == "\t" }.count
      let content = line.trimmingCharacters(in: .whitespaces)
      if content.isEmpty { continue }
      if let blank = content.firstIndex(where: { $0 == " " || $0 == "\t" }) {
        let column = leading + content.distance(from: content.startIndex, to: blank) + 1
        throw Diagnostic(
          .error, "expected one 'host:port' a line, found '\(content)'",
          at: SourceLocation(file: name, line: number, column: column))
      }
      do {
        entries.append(Entry(target: try HostPort.parse(content), line: number))
      } catch {
        throw Diagnostic(
          .error, error.message,
          at: SourceLocation(file: name, line: number, column: leading + error.column))
      }
    }
    return TargetList(name: name, entries: entries)
  }

  /// Reads the file at `path`: `TriageError.inputMissing` when it cannot be read, a diagnostic
  /// when a line is wrong.
  public static func read(path: String) throws -> TargetList {
    guard let data = FileManager.default.contents(atPath: path) else {
      throw TriageError.inputMissing(path)
    }
    guard let text = String(data: data, encoding: .utf8) else {
      throw Diagnostic(
        .error, "expected UTF-8 text", at: SourceLocation(file: path, line: 1, column: 1))
    }
    return try parse(text, name: path)
  }
}
