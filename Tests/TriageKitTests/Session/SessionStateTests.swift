import Foundation
import Testing

@testable import TriageKit

/// The session's state is kept up to date event by event; these check it always equals the events
/// folded from the start, whatever the events.
@Suite struct SessionStateTests {
  /// What a state says, in a form that compares.
  private static func summary(_ state: Session.State) -> [String] {
    let answers = state.answers.map {
      "\($0.key)=\($0.value.answer.value.display)@\($0.value.sequence)"
    }
    return [
      "answers " + answers.sorted().joined(separator: ","),
      "reopened " + state.reopened.sorted().joined(separator: ","),
      "notes " + state.notes.joined(separator: ","),
      "sequence " + state.answerSequence.map(String.init).joined(separator: ","),
      "observations " + state.observations.map(\.label).joined(separator: ","),
      "declined " + state.declined.sorted().joined(separator: ","),
      "probed " + state.probed.keys.sorted().joined(separator: ","),
      "failed " + state.failedProbes.sorted().joined(separator: ","),
    ]
  }

  private static func observation(_ label: String, node: String?, succeeded: Bool) -> Observation {
    Observation(
      origin: .probe, kind: "census", format: succeeded ? "ok" : "failed", label: label,
      facts: [:], figures: [], raw: "", node: node)
  }

  @Test func stateKeptEventByEventEqualsTheEventsFoldedFromTheStart() throws {
    let knowledgeBase = try TestKnowledgeBase.load()
    var session = TestKnowledgeBase.session(knowledgeBase)
    let steps: [(inout Session) -> Void] = [
      { $0.answer("only-this-machine", .bool(true)) },
      { $0.record(.noted(text: "caller on hold")) },
      { $0.answer("hosts", .number(500)) },
      { $0.answer("hosts", .number(20)) },
      { $0.observe(Self.observation("census", node: "count-connections", succeeded: true)) },
      { $0.record(.declined(node: "count-connections")) },
      { $0.observe(Self.observation("census again", node: "count-connections", succeeded: false)) },
      { _ = $0.undoLastAnswer() },
      { _ = $0.reopen("only-this-machine") },
      { $0.answer("error-code", .string("64")) },
      { $0.record(.restarted) },
      { $0.answer("only-this-machine", .bool(false)) },
      { _ = $0.undoLastAnswer() },
      { _ = $0.undoLastAnswer() },
    ]
    for (offset, step) in steps.enumerated() {
      step(&session)
      let refolded = Session(
        id: session.id, knowledgeBase: knowledgeBase, events: session.events,
        clock: TestKnowledgeBase.clock)
      #expect(
        Self.summary(session.state) == Self.summary(refolded.state), "after step \(offset + 1)")
    }
    #expect(session.state.answers.isEmpty, "the restart and the two undos leave no answer")
    #expect(session.state.notes == ["caller on hold"])
  }
}
