import Foundation
import Testing

@testable import TriageKit

/// Audit events due from the journal alone, and probe steps offered again after a failure.
@Suite struct SessionAuditTests {
  static func session() throws -> Session {
    Session(
      id: "s", knowledgeBase: try ObservationTests.knowledgeBase(), clock: TestKnowledgeBase.clock)
  }

  /// The census settles netstat-states (many TIME_WAIT), which establishes `ports` (0.7): the
  /// interview concludes without asking station-ip, so what is due is the automatic answer and
  /// the conclusion.
  @Test func dueEventsAreRecordedOnceAndAResumedSessionOwesNone() throws {
    var session = try Self.session()
    session.observe(ObservationTests.census(timeWait: 1214, synSent: 3))
    let walk = try session.walk()
    let due = session.dueAuditEvents(for: walk)
    #expect(
      due.contains { if case .autoAnswered("netstat-states", _, _) = $0 { true } else { false } })
    #expect(due.contains(.concluded(conclusion: "ports-found", outcome: .diagnosed)))
    #expect(!due.contains { if case .asked = $0 { true } else { false } })
    for kind in due { session.record(kind) }
    #expect(session.dueAuditEvents(for: try session.walk()).isEmpty)
    // The same events, read back as a resume does: nothing more is due.
    let resumed = Session(
      id: "s", knowledgeBase: session.knowledgeBase, events: session.events,
      clock: TestKnowledgeBase.clock)
    #expect(resumed.dueAuditEvents(for: try resumed.walk()).isEmpty)
  }

  /// After the failed census the walk passes the step by and the interview asks netstat-states; a
  /// new answer keeps it passed by. Undoing an answer offers it again: the step is worth what
  /// netstat-states is worth, and as the tree's next step it comes first.
  @Test func aFailedProbeIsPassedByAndOfferedAgainAfterAnAnswerChanges() throws {
    var session = try Self.session()
    session.observe(
      Observation(
        origin: .probe, kind: "census", format: "failed", label: "probe census", facts: [:],
        figures: ["failed: no permission"], raw: "", node: "count-connections"))
    var walk = try session.walk()
    #expect(walk.steps.first == .probed(node: "count-connections", probe: "census", ran: false))
    #expect(walk.pendingQuestion?.id == "netstat-states")
    session.answer("netstat-states", .string("nothing"))
    walk = try session.walk()
    #expect(walk.steps.first == .probed(node: "count-connections", probe: "census", ran: false))
    #expect(walk.pendingQuestion?.id == "station-ip")
    _ = session.undoLastAnswer()
    walk = try session.walk()
    #expect(walk.steps.isEmpty, "the tree waits at the step again")
    #expect(walk.pendingProbe?.id == "count-connections")
  }
}
