import Foundation
import Testing

@testable import TriageKit

@Suite struct SessionEventTests {
  private static let time = TestKnowledgeBase.time

  static let kinds: [SessionEvent.Kind] = [
    .asked(question: "hosts"),
    .answered(question: "hosts", value: .number(500), provenance: Provenance(.user)),
    .answered(
      question: "hosts", value: .number(12.5), provenance: Provenance(.answerFile, detail: "a.yaml")
    ),
    .answered(
      question: "only-this-machine", value: .bool(false), provenance: Provenance(.evidence)),
    .answered(question: "error-code", value: .string("53"), provenance: Provenance(.default)),
    .answered(
      question: "error-code", value: .unknown, provenance: Provenance(.probe, detail: "dns")),
    .answered(
      question: "station-name", value: .string("\"quoted\"\n✓ ünïcode"),
      provenance: Provenance(.user)),
    .autoAnswered(question: "confirm-alone", value: .bool(true), provenance: Provenance(.user)),
    .noted(text: "line one\nline two"),
    .undone(sequence: 3),
    .reopened(question: "hosts"),
    .restarted,
    .concluded(conclusion: "dns-found", outcome: .diagnosed),
    .concluded(conclusion: "nothing-found", outcome: .inconclusive),
  ]

  @Test(arguments: kinds)
  func roundTripsThroughJSON(kind: SessionEvent.Kind) throws {
    let event = SessionEvent(sequence: 7, time: Self.time, kind: kind)
    let data = try JSONEncoder().encode(event)
    #expect(try JSONDecoder().decode(SessionEvent.self, from: data) == event)
  }

  @Test func jsonShapeIsTheJournalFormat() throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    func json(_ kind: SessionEvent.Kind) throws -> String {
      String(
        decoding: try encoder.encode(SessionEvent(sequence: 2, time: Self.time, kind: kind)),
        as: UTF8.self)
    }
    #expect(
      try json(.answered(question: "hosts", value: .number(500), provenance: Provenance(.user)))
        == #"{"at":"2023-11-14T22:13:20Z","question":"hosts","seq":2,"source":"user","type":"answered","value":500}"#
    )
    #expect(
      try json(
        .autoAnswered(
          question: "q", value: .unknown, provenance: Provenance(.answerFile, detail: "f")))
        == #"{"at":"2023-11-14T22:13:20Z","detail":"f","question":"q","seq":2,"source":"answer-file","type":"auto-answered","value":"unknown"}"#
    )
    #expect(
      try json(.undone(sequence: 1))
        == #"{"at":"2023-11-14T22:13:20Z","seq":2,"target":1,"type":"undone"}"#)
    #expect(try json(.restarted) == #"{"at":"2023-11-14T22:13:20Z","seq":2,"type":"restarted"}"#)
    #expect(
      try json(.concluded(conclusion: "c", outcome: .diagnosed))
        == #"{"at":"2023-11-14T22:13:20Z","conclusion":"c","outcome":"diagnosed","seq":2,"type":"concluded"}"#
    )
  }

  @Test func unknownEventTypeDoesNotDecode() {
    let json = #"{"at":"2023-11-14T22:13:20Z","seq":1,"type":"exploded"}"#
    #expect(throws: DecodingError.self) {
      try JSONDecoder().decode(SessionEvent.self, from: Data(json.utf8))
    }
  }

  @Test func malformedTimeDoesNotDecode() {
    let json = #"{"at":"yesterday","seq":1,"type":"restarted"}"#
    #expect(throws: DecodingError.self) {
      try JSONDecoder().decode(SessionEvent.self, from: Data(json.utf8))
    }
  }

  @Test func inputEventsAreThoseThatChangeWhatTheSessionKnows() {
    let inputs = Self.kinds.map { SessionEvent(sequence: 1, time: Self.time, kind: $0).isInput }
    #expect(
      inputs == [
        false, true, true, true, true, true, true, false, true, true, true, true, false, false,
      ])
  }
}
