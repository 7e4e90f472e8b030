import Foundation
import TriageKit

/// Where the REPL's events go: the session journal, created only once the session holds something
/// worth resuming (an answer, a note, evidence), so starting and leaving at once leaves no file.
final class SessionRecorder {
  private let directory: URL?
  private var header: SessionJournal.Header?
  private(set) var journal: SessionJournal?
  /// Called once when the journal is created.
  var onCreate: ((SessionJournal) -> Void)?
  /// Events before the journal exists (`asked`), written when it is created.
  private var pending: [SessionEvent] = []

  /// Records into `journal` as it is (a resumed session).
  init(journal: SessionJournal?) {
    self.journal = journal
    directory = nil
    header = nil
  }

  /// Records into a journal created in `directory` with `header` at the first input event.
  init(directory: URL, header: SessionJournal.Header) {
    self.directory = directory
    self.header = header
    journal = nil
  }

  /// Whether there is a session to resume (or will be, once something is answered).
  var keepsSession: Bool { journal != nil || header != nil }

  /// Whether the journal exists on disk.
  var isSaved: Bool { journal != nil }

  func append(_ event: SessionEvent) throws(TriageError) {
    if let journal {
      try journal.append(event)
      return
    }
    guard let directory, let header else { return }
    guard event.isInput else {
      pending.append(event)
      return
    }
    let created = try SessionJournal.create(in: directory, header: header)
    journal = created
    onCreate?(created)
    for earlier in pending { try created.append(earlier) }
    pending = []
    try created.append(event)
  }

  /// The session's label as the journal's header holds it, for the report's header.
  var label: String? {
    if let journal { return (try? SessionJournal.readUpToDamage(journal.url))?.0.label }
    return header?.label
  }

  /// Sets the session's label (`.label`), in the journal's header.
  func relabel(_ label: String?) throws(TriageError) {
    if let journal {
      try journal.relabel(label)
    } else {
      header?.label = label
    }
  }
}
