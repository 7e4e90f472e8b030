/// A place in a file: what every message about a file's content names.
public struct SourceLocation: Hashable, Sendable, CustomStringConvertible, Codable {
  /// The file as the user named it (or `KnowledgeBase/…` for the embedded knowledge base).
  public var file: String
  /// Line, from 1.
  public var line: Int
  /// Column, from 1.
  public var column: Int

  /// A location.
  public init(file: String, line: Int, column: Int) {
    self.file = file
    self.line = line
    self.column = column
  }

  /// `file:line:column`, the form editors and terminals make clickable.
  public var description: String { "\(file):\(line):\(column)" }
}
