import Foundation
import Testing

@testable import TriageKit

#if canImport(Glibc)
  import Glibc
#endif

/// ENOSPC and EIO at each of the journal's writes: the append, the header of a new journal, the
/// relabel and the damaged lines set aside. The journal keeps every event written before, whole,
/// and takes events again once the disk has room.
@Suite struct SessionJournalFaultTests {
  private static let identity = KnowledgeBase.Identity(
    id: "test-kb", version: "1", digest: "abc")

  private static func header(_ session: String) -> SessionJournal.Header {
    SessionJournal.Header(
      session: session, kb: identity, kbPath: nil, started: TestKnowledgeBase.time)
  }

  private static func answer(_ sequence: Int, _ hosts: Double) -> SessionEvent {
    SessionEvent(
      sequence: sequence, time: TestKnowledgeBase.time,
      kind: .answered(question: "hosts", value: .number(hosts), provenance: Provenance(.user)))
  }

  private static func withDirectory(_ body: (URL) throws -> Void) throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
      "journal-faults-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: directory) }
    try body(directory)
  }

  @Test(arguments: [SystemWrite.Call.write, .sync], [ENOSPC, EIO])
  func aFailedAppendLeavesEveryEarlierEventWhole(call: SystemWrite.Call, code: Int32) throws {
    try Self.withDirectory { directory in
      let journal = try SessionJournal.create(in: directory, header: Self.header("s1"))
      try journal.append(Self.answer(1, 100))
      try journal.append(Self.answer(2, 200))
      let before = try Data(contentsOf: journal.url)
      SystemWrite.$injection.withValue(SystemWrite.Injection(call, errno: code)) {
        #expect(throws: TriageError.cannotWrite(journal.url.path, SystemWrite.reason(code))) {
          try journal.append(Self.answer(3, 300))
        }
      }
      #expect(try Data(contentsOf: journal.url) == before, "no torn line is left")
      // Room again: the next event follows the whole ones, and all read back.
      try journal.append(Self.answer(3, 300))
      let (_, events) = try SessionJournal.read(journal.url)
      #expect(events == [Self.answer(1, 100), Self.answer(2, 200), Self.answer(3, 300)])
    }
  }

  @Test(arguments: [SystemWrite.Call.create, .write, .sync], [ENOSPC, EIO])
  func aJournalWhoseHeaderCannotBeWrittenIsNotLeftBehind(call: SystemWrite.Call, code: Int32)
    throws
  {
    try Self.withDirectory { directory in
      var failure: TriageError?
      SystemWrite.$injection.withValue(SystemWrite.Injection(call, errno: code)) {
        do {
          _ = try SessionJournal.create(in: directory, header: Self.header("s2"))
        } catch {
          failure = error as? TriageError
        }
      }
      #expect(failure == .cannotWrite(directory.path + "/s2.jsonl", SystemWrite.reason(code)))
      let left = try FileManager.default.contentsOfDirectory(atPath: directory.path)
      #expect(left.isEmpty)
      #expect(SessionJournal.unreadable(in: directory).isEmpty)
    }
  }

  @Test(arguments: SystemWrite.Call.allCases, [ENOSPC, EIO])
  func aFailedRelabelKeepsTheJournal(call: SystemWrite.Call, code: Int32) throws {
    try Self.withDirectory { directory in
      let journal = try SessionJournal.create(in: directory, header: Self.header("s3"))
      try journal.append(Self.answer(1, 100))
      let before = try Data(contentsOf: journal.url)
      SystemWrite.$injection.withValue(
        SystemWrite.Injection(call, errno: code, onPathsContaining: "s3.jsonl")
      ) {
        #expect(throws: TriageError.cannotWrite(journal.url.path, SystemWrite.reason(code))) {
          try journal.relabel("TICKET-1")
        }
      }
      #expect(try Data(contentsOf: journal.url) == before)
      #expect(
        try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["s3.jsonl"],
        "no temporary file is left")
      // Still the journal being appended to.
      try journal.append(Self.answer(2, 200))
      #expect(try SessionJournal.read(journal.url).1.count == 2)
    }
  }

  @Test(arguments: [SystemWrite.Call.create, .write, .sync], [ENOSPC, EIO])
  func damagedLinesThatCannotBeSetAsideStayInTheJournal(call: SystemWrite.Call, code: Int32)
    throws
  {
    try Self.withDirectory { directory in
      do {
        let journal = try SessionJournal.create(in: directory, header: Self.header("s4"))
        try journal.append(Self.answer(1, 100))
      }
      let url = directory.appendingPathComponent("s4.jsonl")
      let damaged = try Data(contentsOf: url) + Data("not json\n{\"also\":\"bad\"}\n".utf8)
      try damaged.write(to: url)
      SystemWrite.$injection.withValue(
        SystemWrite.Injection(call, errno: code, onPathsContaining: ".damaged")
      ) {
        #expect(
          throws: TriageError.cannotWrite(url.path + ".damaged", SystemWrite.reason(code))
        ) {
          _ = try SessionJournal.open(url)
        }
      }
      #expect(try Data(contentsOf: url) == damaged, "nothing is cut before it is kept elsewhere")
    }
  }
}
