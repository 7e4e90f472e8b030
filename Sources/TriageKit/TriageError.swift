/// Every error TriageKit throws; the command line maps each case to one documented exit code.
public enum TriageError: Error, Equatable, Sendable, CustomStringConvertible {
  /// A knowledge base that does not load or does not lint clean (exit 65).
  case invalidKnowledgeBase([Diagnostic])
  /// An answer file that does not fit the knowledge base (exit 65).
  case invalidAnswerFile([Diagnostic])
  /// Evidence (a command's output or a log) that cannot be read: the input's name (path,
  /// `stdin`, `pasted`), the line and column when one place is at fault, and what was found and
  /// expected (exit 65).
  case invalidEvidence(source: String, line: Int?, column: Int?, message: String)
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
    case .invalidEvidence(let source, let line, let column, let message):
      let place = [source] + [line, line == nil ? nil : column].compactMap { $0.map(String.init) }
      return "\(place.joined(separator: ":")): error: \(message)"
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
