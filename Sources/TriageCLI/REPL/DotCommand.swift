import TriageKit

/// The REPL's dot commands, like sqlite3's: one registry for dispatch, `.help` and Tab completion.
enum DotCommand: String, CaseIterable {
  case help, why, how, back, change, restart, facts, note, label, paste, load, save, report, json,
    quit

  /// The arguments, as `.help` shows them.
  var usage: String {
    switch self {
    case .change: return ".change QUESTION-ID"
    case .note: return ".note TEXT"
    case .label: return ".label TEXT"
    case .facts: return ".facts [all]"
    case .paste: return ".paste [KIND]"
    case .load: return ".load FILE [KIND]"
    case .save: return ".save answers FILE [--force]"
    case .report: return ".report FILE [--force]"
    case .json: return ".json FILE [--force]"
    default: return ".\(rawValue)"
    }
  }

  var summary: String {
    switch self {
    case .help: return "show these commands"
    case .why: return "what this question distinguishes, and what is already known"
    case .how: return "how the conclusion (or the current question) was reached"
    case .back: return "undo the last answer"
    case .change: return "answer a question again, even one answered from known facts"
    case .restart: return "start again from the first question (notes stay)"
    case .facts: return "the facts that matter now, by source; .facts all lists every one"
    case .label: return "name the session (ticket, station, caller) for 'nettriage sessions'"
    case .note: return "add a note to the report"
    case .paste:
      return "paste a command's output or a log; end with a line holding only '.' (or Ctrl-D)"
    case .load: return "read a command's output or a log from a file"
    case .save: return "save the answers as a file that replays this session"
    case .report: return "write the Markdown report (- shows it here)"
    case .json: return "write the JSON report (- shows it here)"
    case .quit: return "leave; the session is saved and can be resumed"
    }
  }

  /// Whether its arguments are file names and words, split as a shell splits them (quotes,
  /// backslashes); the others take free text.
  var takesFileArguments: Bool {
    switch self {
    case .load, .save, .report, .json: return true
    default: return false
    }
  }

  /// Parses `.name rest`; returns the command and the rest, or the error to show.
  static func parse(_ line: String) -> Result<(DotCommand, String), CommandProblem> {
    let body = line.dropFirst()
    let name = body.prefix { !$0.isWhitespace }
    let rest = body.dropFirst(name.count).trimmingCharacters(in: .whitespaces)
    if let command = DotCommand(rawValue: name.lowercased()) { return .success((command, rest)) }
    let matches = allCases.filter { $0.rawValue.hasPrefix(name.lowercased()) }
    if matches.count == 1, !name.isEmpty { return .success((matches[0], rest)) }
    var message = "unknown command '.\(name)'"
    if let suggestion = NearestMatch.suggestion(for: String(name), among: allCases.map(\.rawValue))
    {
      message += " (did you mean '.\(suggestion)'?)"
    } else {
      message += "; .help lists the commands"
    }
    return .failure(CommandProblem(message: message))
  }
}
