import Foundation
import TriageKit

/// Finds a saved session by ID or a unique start of one, with the message to show when none or
/// several match.
enum SessionChoice {
  struct Problem: Error {
    var message: String
    var status: ExitStatus
  }

  /// The IDs of the saved sessions, newest first (for shell completion).
  static func savedIDs() -> [String] {
    SessionJournal.list(
      in: SessionJournal.defaultDirectory(environment: ProcessInfo.processInfo.environment)
    ).map(\.header.session)
  }

  static func find(_ id: String, in summaries: [SessionJournal.Summary], directory: URL)
    -> Result<SessionJournal.Summary, Problem>
  {
    if let exact = summaries.first(where: { $0.header.session == id }) { return .success(exact) }
    let matches = summaries.filter { $0.header.session.hasPrefix(id) }
    if matches.count == 1 { return .success(matches[0]) }
    if matches.isEmpty {
      var message = "error: no session '\(id)' in \(directory.path)"
      if let suggestion = NearestMatch.suggestion(for: id, among: summaries.map(\.header.session)) {
        message += " (did you mean '\(suggestion)'?)"
      }
      return .failure(Problem(message: message, status: .inputMissing))
    }
    return .failure(
      Problem(
        message:
          "error: '\(id)' matches several sessions: \(matches.map(\.header.session).joined(separator: ", "))",
        status: .usage))
  }
}
