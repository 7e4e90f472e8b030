import Foundation
import Testing

@testable import TriageKit

@Suite struct SessionJournalTests {
  private static let identity = KnowledgeBase.Identity(
    id: "test-kb", version: "1.2.3", digest: "abc123")

  /// A fresh folder under the temporary directory, removed by `body`'s caller.
  private static func withDirectory(_ body: (URL) throws -> Void) throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
      "journal-tests-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: directory) }
    try body(directory)
  }

  private static func header(_ session: String, started: Date = TestKnowledgeBase.time)
    -> SessionJournal.Header
  {
    SessionJournal.Header(session: session, kb: identity, kbPath: "/srv/kb", started: started)
  }

  private static func event(
    _ sequence: Int, _ kind: SessionEvent.Kind, at seconds: TimeInterval = 0
  )
    -> SessionEvent
  {
    SessionEvent(
      sequence: sequence, time: TestKnowledgeBase.time.addingTimeInterval(seconds), kind: kind)
  }

  private static let events = [
    event(1, .noted(text: "note with \"quotes\" and\nnewline")),
    event(2, .answered(question: "hosts", value: .number(500), provenance: Provenance(.user))),
    event(
      3, .autoAnswered(question: "confirm-alone", value: .bool(true), provenance: Provenance(.user))
    ),
    event(4, .undone(sequence: 2)),
    event(5, .concluded(conclusion: "dns-found", outcome: .diagnosed)),
  ]

  private static func lines(of url: URL) throws -> [String] {
    try String(contentsOf: url, encoding: .utf8).split(
      separator: "\n", omittingEmptySubsequences: false
    )
    .map(String.init)
  }

  @Test func createAppendAndReadRoundTrip() throws {
    try Self.withDirectory { directory in
      let journal = try SessionJournal.create(
        in: directory.appendingPathComponent("a/b"), header: Self.header("s-1"))
      for event in Self.events { try journal.append(event) }
      #expect(journal.url.lastPathComponent == "s-1.jsonl")
      let (header, events) = try SessionJournal.read(journal.url)
      #expect(header == Self.header("s-1"))
      #expect(header.schema == "journal/1")
      #expect(header.started == "2023-11-14T22:13:20Z")
      #expect(events == Self.events)
      let lines = try Self.lines(of: journal.url)
      #expect(lines.count == 7, "a header, five events and the final newline")
      #expect(lines.last == "")
      #expect(
        lines.first
          == #"{"kb":{"digest":"abc123","id":"test-kb","version":"1.2.3"},"kb_path":"/srv/kb","nettriage":"journal/1","session":"s-1","started":"2023-11-14T22:13:20Z"}"#
      )
    }
  }

  @Test func createRefusesAnExistingJournal() throws {
    try Self.withDirectory { directory in
      let first = try SessionJournal.create(in: directory, header: Self.header("same"))
      #expect(throws: TriageError.cannotWrite(first.url.path, SystemWrite.reason(EEXIST))) {
        try SessionJournal.create(in: directory, header: Self.header("same"))
      }
    }
  }

  @Test func tornLastLineIsSkipped() throws {
    try Self.withDirectory { directory in
      let journal = try SessionJournal.create(in: directory, header: Self.header("torn"))
      try journal.append(Self.events[0])
      try journal.append(Self.events[1])
      let handle = try FileHandle(forWritingTo: journal.url)
      handle.seekToEndOfFile()
      handle.write(Data(#"{"at":"2023-11-14T22:13:20Z","seq":3,"ty"#.utf8))
      try handle.close()
      let (_, events) = try SessionJournal.read(journal.url)
      #expect(events == Array(Self.events[0...1]))
    }
  }

  @Test func damagedMiddleLineIsAnErrorNamingTheLine() throws {
    try Self.withDirectory { directory in
      let journal = try SessionJournal.create(in: directory, header: Self.header("damaged"))
      try journal.append(Self.events[0])
      let handle = try FileHandle(forWritingTo: journal.url)
      handle.seekToEndOfFile()
      handle.write(Data("{not json\n".utf8))
      try handle.close()
      try journal.append(Self.events[1])
      #expect(throws: TriageError.invalidInput("\(journal.url.path):3: damaged journal line")) {
        try SessionJournal.read(journal.url)
      }
    }
  }

  @Test func fileThatIsNotAJournal() throws {
    try Self.withDirectory { directory in
      try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
      let url = directory.appendingPathComponent("x.jsonl")
      try "hello\n".write(to: url, atomically: true, encoding: .utf8)
      #expect(throws: TriageError.invalidInput("'\(url.path)' is not a NetTriage session journal"))
      {
        try SessionJournal.read(url)
      }
      try "".write(to: url, atomically: true, encoding: .utf8)
      #expect(throws: TriageError.invalidInput("'\(url.path)' is not a NetTriage session journal"))
      {
        try SessionJournal.read(url)
      }
      let future =
        #"{"kb":{"digest":"d","id":"k","version":"1"},"nettriage":"journal/2","session":"s","started":"x"}"#
      try (future + "\n").write(to: url, atomically: true, encoding: .utf8)
      #expect(
        throws: TriageError.invalidInput("'\(url.path)': unsupported journal schema 'journal/2'")
      ) {
        try SessionJournal.read(url)
      }
    }
  }

  @Test func missingJournalIsInputMissing() {
    let url = URL(fileURLWithPath: "/nonexistent-\(UUID().uuidString).jsonl")
    #expect(throws: TriageError.inputMissing(url.path)) {
      try SessionJournal.read(url)
    }
  }

  @Test func openContinuesAJournal() throws {
    try Self.withDirectory { directory in
      // The first process ends (its lock with it) before the session is resumed.
      let url = try {
        let created = try SessionJournal.create(in: directory, header: Self.header("resume"))
        try created.append(Self.events[0])
        return created.url
      }()
      let (journal, header, events) = try SessionJournal.open(url)
      #expect(header == Self.header("resume"))
      #expect(events == [Self.events[0]])
      try journal.append(Self.events[1])
      #expect(try SessionJournal.read(url).1 == Array(Self.events[0...1]))
    }
  }

  /// Resuming after a crash mid-write: the torn line is cut off and new events follow the last whole
  /// one. Reading the journal afterwards must still work, since the torn line was the crash's.
  @Test func journalStaysReadableAfterResumingFromATornLine() throws {
    try Self.withDirectory { directory in
      let url = try {
        let journal = try SessionJournal.create(in: directory, header: Self.header("crashed"))
        try journal.append(Self.events[0])
        return journal.url
      }()
      let handle = try FileHandle(forWritingTo: url)
      handle.seekToEndOfFile()
      handle.write(Data(#"{"at":"2023-11-"#.utf8))
      try handle.close()

      let (journal, _, events) = try SessionJournal.open(url)
      #expect(events == [Self.events[0]])
      try journal.append(Self.events[1])
      let lines = try Self.lines(of: url)
      #expect(lines.count == 4)
      #expect(
        !lines.contains(#"{"at":"2023-11-"#),
        "the torn line is cut off, not glued to the next event")
      let (_, reread) = try SessionJournal.read(url)
      #expect(reread == Array(Self.events[0...1]))
    }
  }

  @Test func listIsNewestFirstWithTheConcludedState() throws {
    try Self.withDirectory { directory in
      let old = try SessionJournal.create(in: directory, header: Self.header("old"))
      try old.append(
        Self.event(
          1, .answered(question: "a", value: .bool(true), provenance: Provenance(.user)), at: 10))
      try old.append(Self.event(2, .concluded(conclusion: "c", outcome: .diagnosed), at: 20))

      let newest = try SessionJournal.create(in: directory, header: Self.header("newest"))
      try newest.append(
        Self.event(
          1, .answered(question: "a", value: .bool(true), provenance: Provenance(.user)), at: 100))
      try newest.append(
        Self.event(
          2, .answered(question: "a", value: .bool(false), provenance: Provenance(.user)), at: 110))
      try newest.append(
        Self.event(
          3, .answered(question: "b", value: .number(1), provenance: Provenance(.user)), at: 120))
      try newest.append(Self.event(4, .concluded(conclusion: "c", outcome: .inconclusive), at: 130))

      let reopened = try SessionJournal.create(in: directory, header: Self.header("reopened"))
      try reopened.append(Self.event(1, .concluded(conclusion: "c", outcome: .diagnosed), at: 50))
      try reopened.append(Self.event(2, .undone(sequence: 1), at: 60))

      _ = try SessionJournal.create(in: directory, header: Self.header("empty"))
      try "not a journal\n".write(
        to: directory.appendingPathComponent("broken.jsonl"), atomically: true, encoding: .utf8)
      try "ignored\n".write(
        to: directory.appendingPathComponent("notes.txt"), atomically: true, encoding: .utf8)

      let summaries = SessionJournal.list(in: directory)
      #expect(summaries.map(\.header.session) == ["newest", "reopened", "old", "empty"])
      #expect(summaries.map(\.concluded) == [.inconclusive, nil, .diagnosed, nil])
      #expect(summaries.map(\.answers) == [2, 0, 1, 0])
      #expect(
        summaries.map(\.lastActivity) == [
          TestKnowledgeBase.time.addingTimeInterval(130),
          TestKnowledgeBase.time.addingTimeInterval(60),
          TestKnowledgeBase.time.addingTimeInterval(20), nil,
        ])
      #expect(summaries.first?.url.lastPathComponent == "newest.jsonl")
    }
  }

  @Test func listOfAMissingFolderIsEmpty() {
    #expect(
      SessionJournal.list(in: URL(fileURLWithPath: "/nonexistent-\(UUID().uuidString)")).isEmpty)
  }

  @Test func stateDirectoryHonoursAnAbsoluteXDGStateHome() {
    #expect(
      SessionJournal.stateDirectory(environment: [
        "XDG_STATE_HOME": "/var/state", "HOME": "/home/u",
      ]).path
        == "/var/state/nettriage")
    #expect(
      SessionJournal.defaultDirectory(environment: ["XDG_STATE_HOME": "/var/state"]).path
        == "/var/state/nettriage/sessions")
  }

  @Test func stateDirectoryIgnoresARelativeOrEmptyXDGStateHome() {
    #expect(
      SessionJournal.stateDirectory(environment: ["XDG_STATE_HOME": "state", "HOME": "/home/u"])
        .path
        == "/home/u/.local/state/nettriage")
    #expect(
      SessionJournal.stateDirectory(environment: ["XDG_STATE_HOME": "", "HOME": "/home/u"]).path
        == "/home/u/.local/state/nettriage")
    #expect(
      SessionJournal.defaultDirectory(environment: ["HOME": "/home/u"]).path
        == "/home/u/.local/state/nettriage/sessions")
  }

  @Test func stateDirectoryWithoutHomeUsesTheUsersHomeDirectory() {
    let expected = URL(fileURLWithPath: NSHomeDirectory()).appendingPathComponent(
      ".local/state/nettriage"
    ).path
    #expect(SessionJournal.stateDirectory(environment: [:]).path == expected)
    #expect(SessionJournal.stateDirectory(environment: ["HOME": ""]).path == expected)
  }
}
