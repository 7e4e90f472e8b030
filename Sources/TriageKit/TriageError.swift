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

/// A problem found in a file, with where it is.
public struct Diagnostic: Error, Hashable, Sendable, CustomStringConvertible {
  /// How bad it is.
  public enum Severity: String, Sendable, Hashable {
    /// Makes the input unusable; exit 65.
    case error
    /// Worth fixing, does not stop anything.
    case warning
  }

  /// Where; `nil` when the problem is about the whole input.
  public var location: SourceLocation?
  /// Error or warning.
  public var severity: Severity
  /// Lowercase, no trailing period, values in single quotes.
  public var message: String

  /// A diagnostic.
  public init(_ severity: Severity, _ message: String, at location: SourceLocation?) {
    self.severity = severity
    self.message = message
    self.location = location
  }

  /// `file:line:column: error: message`.
  public var description: String {
    let prefix = location.map { "\($0): " } ?? ""
    return "\(prefix)\(severity.rawValue): \(message)"
  }
}

/// Every error TriageKit throws; the command line maps each case to one documented exit code.
public enum TriageError: Error, Equatable, Sendable, CustomStringConvertible {
  /// A knowledge base that does not load or does not lint clean (exit 65).
  case invalidKnowledgeBase([Diagnostic])
  /// An answer file that does not fit the knowledge base (exit 65).
  case invalidAnswerFile([Diagnostic])
  /// Other invalid input, such as a journal that cannot be read (exit 65).
  case invalidInput(String)
  /// An input file or folder that does not exist or cannot be read (exit 66).
  case inputMissing(String)
  /// An input path that exists but cannot be read as a file: the path and why ("is a directory",
  /// "permission denied"; exit 66).
  case unreadable(String, String)
  /// An output file that exists already, written without `--force` (exit 73).
  case outputExists(String)
  /// An output that cannot be written: path and reason (exit 73).
  case cannotWrite(String, String)
  /// The walk came back to a node with nothing new learnt: the knowledge base loops (exit 65).
  case cycle(node: String)

  /// The message for the user, one problem per line.
  public var description: String {
    switch self {
    case .invalidKnowledgeBase(let diagnostics), .invalidAnswerFile(let diagnostics):
      return diagnostics.map(\.description).joined(separator: "\n")
    case .invalidInput(let message):
      return "error: \(message)"
    case .inputMissing(let path):
      return "error: cannot read '\(path)': no such file or folder"
    case .unreadable(let path, let reason):
      return "error: cannot read '\(path)': \(reason)"
    case .outputExists(let path):
      return "error: '\(path)' exists already (use --force to replace it)"
    case .cannotWrite(let path, let reason):
      return "error: cannot write '\(path)': \(reason)"
    case .cycle(let node):
      return
        "error: the walk came back to '\(node)' without learning anything new (a loop in the knowledge base)"
    }
  }
}
