import Foundation

/// A triage session: a knowledge base and the events so far. Everything else is derived.
///
/// Event-sourced: the answers in force, the notes and the walk are a pure function of the events,
/// which gives undo, resume after a crash and byte-identical replays.
public struct Session: Sendable {
  /// The session's ID: its journal's name, and what `resume` and the report header use.
  public let id: String
  /// The knowledge base whose questions, rules and conclusions every event is read against.
  public let knowledgeBase: KnowledgeBase
  /// The journal: every event in order, the single source of truth the rest is folded from.
  public private(set) var events: [SessionEvent]
  /// Facts known before any question: evidence and probe results given at the start.
  public var initialFacts: [String: Fact]
  private let clock: TriageClock
  /// ``state``, updated by ``record(_:)`` so a session's cost per event does not grow with its
  /// length.
  private var folded: State

  /// A session over `knowledgeBase` that resumes from `events` (none for a new one), with times
  /// taken from `clock`.
  public init(
    id: String, knowledgeBase: KnowledgeBase, events: [SessionEvent] = [],
    initialFacts: [String: Fact] = [:],
    clock: TriageClock
  ) {
    self.id = id
    self.knowledgeBase = knowledgeBase
    self.events = events
    self.initialFacts = initialFacts
    self.clock = clock
    folded = Session.fold(events)
  }

  /// What the input events add up to.
  public struct State: Sendable {
    /// Answers in force, by question ID, with the sequence number of the event that gave each.
    public var answers: [String: (answer: GivenAnswer, sequence: Int)] = [:]
    /// Questions to ask again.
    public var reopened: Set<String> = []
    /// Notes, in order.
    public var notes: [String] = []
    /// `answered` events in force, oldest first (what `.back` walks back through).
    public var answerSequence: [Int] = []
    /// Evidence read and probes run, in order (they stay through `.restart`).
    public var observations: [Observation] = []
    /// Probe steps the person declined (the latest word on them).
    public var declined: Set<String> = []
    /// Probe steps whose latest run worked, with the arguments it ran with (`nil`: not recorded).
    public var probed: [String: [String: String]?] = [:]
    /// Probe steps whose latest run failed or did not run. The walk goes on without them, and an
    /// answer changed afterwards (`.back`, `.change`, `.restart`) offers them again.
    public var failedProbes: Set<String> = []
  }

  /// What the input events add up to, kept up to date as events are recorded.
  public var state: State { folded }

  /// The events folded from the start: an undo can take back any earlier event.
  static func fold(_ events: [SessionEvent]) -> State {
    let undone = Set(
      events.compactMap { event -> Int? in
        if case .undone(let target) = event.kind { return target }
        return nil
      })
    var state = State()
    for event in events where !undone.contains(event.sequence) {
      state.apply(event)
    }
    return state
  }

  /// The walk as the events stand.
  public func walk() throws(TriageError) -> Walk {
    let state = state
    return try Walker.walk(
      knowledgeBase, answers: state.answers.mapValues(\.answer), reopened: state.reopened,
      facts: Session.facts(initial: initialFacts, observations: state.observations),
      declined: state.declined.union(state.failedProbes), observed: Set(state.probed.keys),
      observedArguments: state.probed.compactMapValues { $0 })
  }

  /// Facts known before any question: the initial ones, then each observation's in order (a later
  /// observation of the same fact wins).
  public static func facts(initial: [String: Fact], observations: [Observation]) -> [String: Fact] {
    var facts = initial
    for observation in observations {
      facts.merge(observation.factValues) { _, new in new }
    }
    return facts
  }

  /// Records evidence read or a probe run.
  @discardableResult
  public mutating func observe(_ observation: Observation) -> SessionEvent {
    record(.observed(observation))
  }

  /// Appends an event stamped with the clock, and returns it (for the journal).
  @discardableResult
  public mutating func record(_ kind: SessionEvent.Kind) -> SessionEvent {
    let event = SessionEvent(
      sequence: (events.last?.sequence ?? 0) + 1, time: clock.now(), kind: kind)
    events.append(event)
    if case .undone = kind {
      folded = Session.fold(events)
    } else {
      // A new event's sequence is past every earlier undo's target, so it is in force.
      folded.apply(event)
    }
    return event
  }

  /// Records an answer to `question`.
  @discardableResult
  public mutating func answer(
    _ question: String, _ value: FactValue, source: Provenance = Provenance(.user)
  )
    -> SessionEvent
  {
    record(.answered(question: question, value: value, provenance: source))
  }

  /// Undoes the latest answer in force (`.back`); returns the question it undid, or `nil` when there
  /// is nothing to undo.
  public mutating func undoLastAnswer() -> (question: String, events: [SessionEvent])? {
    let state = state
    guard let last = state.answerSequence.last,
      let question = state.answers.first(where: { $0.value.sequence == last })?.key
    else { return nil }
    return (question, [record(.undone(sequence: last))])
  }

  /// Asks `question` again (`.change`): undoes its answer if it has one and reopens it.
  public mutating func reopen(_ question: String) -> [SessionEvent] {
    // Every answer to it still in force, or undoing the latest would bring an earlier one back.
    let undone = Set(
      events.compactMap { event -> Int? in
        if case .undone(let target) = event.kind { return target }
        return nil
      })
    let sinceRestart = events.reversed().prefix { $0.kind != .restarted }
    let inForce = sinceRestart.compactMap { event -> Int? in
      guard case .answered(let answered, _, _) = event.kind, answered == question,
        !undone.contains(event.sequence)
      else { return nil }
      return event.sequence
    }
    var recorded: [SessionEvent] = []
    for sequence in inForce.reversed() {
      recorded.append(record(.undone(sequence: sequence)))
    }
    recorded.append(record(.reopened(question: question)))
    return recorded
  }

  /// The answers given on the path, in path order: what `.save answers` writes.
  public func answersOnPath(_ walk: Walk) -> [(question: String, value: FactValue)] {
    walk.answeredSteps.filter { !$0.automatic }.map { ($0.question, $0.value) }
  }
}

extension Session.State {
  /// Adds one event in force to what the events add up to.
  mutating func apply(_ event: SessionEvent) {
    switch event.kind {
    case .answered(let question, let value, let provenance):
      // Only the answer this one replaces leaves the answers in force.
      if let replaced = answers[question]?.sequence {
        answerSequence.removeAll { $0 == replaced }
      }
      answers[question] = (GivenAnswer(value, provenance), event.sequence)
      reopened.remove(question)
      answerSequence.append(event.sequence)
    case .reopened(let question):
      reopened.insert(question)
      failedProbes = []
    case .noted(let text):
      notes.append(text)
    case .observed(let observation):
      observations.append(observation)
      if let node = observation.node {
        declined.remove(node)
        if observation.succeeded {
          probed[node] = .some(observation.arguments)
          failedProbes.remove(node)
        } else {
          probed[node] = nil
          failedProbes.insert(node)
        }
      }
    case .declined(let node):
      declined.insert(node)
      probed[node] = nil
      failedProbes.remove(node)
    case .restarted:
      answers = [:]
      reopened = []
      answerSequence = []
      failedProbes = []
    case .undone:
      failedProbes = []
    case .asked, .autoAnswered, .concluded:
      break
    }
  }
}
