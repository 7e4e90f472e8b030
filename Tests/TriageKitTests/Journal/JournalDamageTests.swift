import Foundation
import Testing

@testable import TriageKit

/// A journal that survives damage, tearing and a second process (issue 17).
@Suite struct JournalDamageTests {
  private let directory: URL

  init() throws {
    directory = FileManager.default.temporaryDirectory.appendingPathComponent(
      "journal-damage-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
  }

  private static let header = SessionJournal.Header(
    session: "s-1", kb: KnowledgeBase.Identity(id: "kb", version: "1", digest: "d"), kbPath: nil,
    started: TestKnowledgeBase.time)

  private static func event(_ sequence: Int) -> SessionEvent {
    SessionEvent(
      sequence: sequence, time: TestKnowledgeBase.time.addingTimeInterval(Double(sequence)),
      kind: .answered(
        question: "q\(sequence)", value: .number(Double(sequence)), provenance: Provenance(.user)))
  }

  /// A journal of the header and `count` events, written and closed (its lock released).
  private func journal(events count: Int) throws -> URL {
    let journal = try SessionJournal.create(in: directory, header: Self.header)
    for sequence in 1...count { try journal.append(Self.event(sequence)) }
    return journal.url
  }

  private func insert(_ text: String, beforeLine line: Int, of url: URL) throws {
    var lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n").map(String.init)
    lines.insert(text, at: line - 1)
    try (lines.joined(separator: "\n") + "\n").write(to: url, atomically: true, encoding: .utf8)
  }

  @Test func aDamagedLineIsListedAndTheSessionResumesUpToIt() throws {
    let url = try journal(events: 3)
    try insert("{ not an event", beforeLine: 3, of: url)
    let summary = try #require(SessionJournal.list(in: directory).first)
    #expect(summary.damagedLine == 3)
    #expect(summary.answers == 1)
    #expect(throws: TriageError.invalidInput("\(url.path):3: damaged journal line")) {
      try SessionJournal.read(url)
    }

    let (journal, _, events) = try SessionJournal.open(url)
    #expect(events == [Self.event(1)])
    #expect(
      journal.damage
        == "\(url.path):3: damaged journal line; the session goes on from the 1 event before it (the damaged lines are kept in '\(url.path).damaged')"
    )
    try journal.append(Self.event(4))
    #expect(try SessionJournal.read(url).1 == [Self.event(1), Self.event(4)])
    let aside = try String(contentsOfFile: url.path + ".damaged", encoding: .utf8)
    #expect(aside.hasPrefix("{ not an event\n"))
    #expect(aside.split(separator: "\n").count == 3, "the damaged line and the two after it")
  }

  @Test func aJournalWithoutAHeaderIsNamedNotHidden() throws {
    try "garbage\n".write(
      to: directory.appendingPathComponent("broken.jsonl"), atomically: true, encoding: .utf8)
    let unreadable = SessionJournal.unreadable(in: directory)
    #expect(unreadable.map(\.url.lastPathComponent) == ["broken.jsonl"])
    #expect(unreadable.first?.reason.hasSuffix("is not a NetTriage session journal") == true)
  }

  @Test func twoProcessesCannotAppendToOneSession() throws {
    let first = try SessionJournal.create(in: directory, header: Self.header)
    #expect(
      throws: TriageError.cannotWrite(
        first.url.path, "the session is open in another nettriage process")
    ) {
      _ = try SessionJournal.open(first.url)
    }
    try first.append(Self.event(1))
    #expect(try SessionJournal.read(first.url).1 == [Self.event(1)])
  }

  /// A crash can stop a write at any byte: whatever the offset, the journal reads as the events
  /// whole before it, never as damage, and resumes to a journal that reads back whole.
  @Test func aJournalTornAtEveryByteOffsetResumes() throws {
    let url = try journal(events: 3)
    let bytes = try Data(contentsOf: url)
    let lineEnds = bytes.indices.filter { bytes[$0] == UInt8(ascii: "\n") }
    let torn = directory.appendingPathComponent("torn")
    try FileManager.default.createDirectory(at: torn, withIntermediateDirectories: true)
    let copy = torn.appendingPathComponent("s-1.jsonl")
    for length in 0...bytes.count {
      try bytes.prefix(length).write(to: copy)
      // A line is whole when all its bytes are there, its line feed or not.
      let wholeLines = lineEnds.filter { $0 <= length }.count
      guard wholeLines >= 1 else {
        #expect(throws: TriageError.self) { try SessionJournal.read(copy) }
        continue
      }
      let expected = (0..<max(0, wholeLines - 1)).map { Self.event($0 + 1) }
      #expect(try SessionJournal.read(copy).1 == expected, "cut at byte \(length)")
      let (journal, _, events) = try SessionJournal.open(copy)
      #expect(events == expected)
      #expect(journal.damage == nil)
      try journal.append(Self.event(9))
      #expect(try SessionJournal.read(copy).1 == expected + [Self.event(9)])
    }
  }

  @Test func aStateFolderThatCannotBeMadeSaysWhyInWords() throws {
    let file = directory.appendingPathComponent("state")
    try "not a folder".write(to: file, atomically: true, encoding: .utf8)
    let sessions = file.appendingPathComponent("nettriage/sessions")
    #expect(throws: TriageError.cannotWrite(sessions.path, "'\(file.path)' is not a folder")) {
      _ = try SessionJournal.create(in: sessions, header: Self.header)
    }
  }
}
