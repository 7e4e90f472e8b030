/// Replays an answer file into a session without a person: the engine half of `nettriage run` and
/// `kb test`.
public struct AnswerReplay: Sendable {
  /// The session after the replay.
  public var session: Session
  /// The question the walk still waits on, when the file lacked an answer the policy could not fill.
  public var missing: QuestionNode?
  /// Questions likely needed after `missing`, found by walking on with `unknown`: a hint, since
  /// other answers may take other paths.
  public var likelyNext: [String]

  /// Replays `file`; with `policy` `.ask` the replay stops at the first missing answer so the caller
  /// can hand over to a person.
  ///
  /// Evidence comes first (`evidence:` in the file, then `extraEvidence`, e.g. `--evidence`), so
  /// the questions it settles are answered from it unless the file answers them itself. Probe
  /// steps follow the file's `probes:` policy.
  public static func replay(
    _ file: AnswerFile, knowledgeBase: KnowledgeBase, sessionID: String, clock: TriageClock,
    policy: AnswerFile.MissingPolicy, observers: Observers = .none,
    extraEvidence: [Observation] = []
  ) throws(TriageError) -> AnswerReplay {
    var session = Session(id: sessionID, knowledgeBase: knowledgeBase, clock: clock)
    for note in file.notes {
      session.record(.noted(text: note))
    }
    for reference in file.evidence {
      session.observe(try observers.readEvidence(reference))
    }
    for observation in extraEvidence {
      session.observe(observation)
    }
    for entry in file.answers {
      session.answer(entry.question, entry.value, source: Provenance(file.source))
    }
    var recorded: [Observation] = []
    if case .replay(let path) = file.probes {
      recorded = try Observers.loadRecorded(path)
      // A result recorded for a step of this knowledge base is a fact from the start, whether or
      // not the interview reaches that step (it may conclude earlier, or ask in another order).
      // One recorded without its step belongs to the only step that runs its probe, if one does.
      let steps = knowledgeBase.nodes.values.compactMap { node -> ProbeNode? in
        if case .probe(let probe) = node { return probe }
        return nil
      }
      for var observation in recorded {
        let matching = steps.filter { $0.probe == observation.kind }
        if observation.node == nil, matching.count == 1 { observation.node = matching[0].id }
        guard let node = observation.node, steps.contains(where: { $0.id == node }) else {
          continue
        }
        session.observe(observation)
      }
    }
    var missing: QuestionNode?
    var walk = try session.walk()
    // Each fill answers one question or settles one probe step (ran or declined), and a walk
    // never reaches either twice, so this ends.
    while missing == nil {
      if let probe = walk.pendingProbe {
        switch file.probes {
        case .skip:
          session.record(.declined(node: probe.id))
        case .run:
          var observation = observers.runProbe(probe, probe.resolvedArguments(walk.facts) ?? [:])
          observation.node = probe.id
          session.observe(observation)
        case .replay:
          if var observation = recorded.first(where: { $0.node == probe.id })
            ?? recorded.first(where: { $0.kind == probe.probe })
          {
            observation.node = probe.id
            session.observe(observation)
          } else {
            session.record(.declined(node: probe.id))
          }
        }
      } else if let question = walk.pendingQuestion {
        switch policy {
        case .unknown:
          session.answer(
            question.id, .unknown, source: Provenance(.default, detail: "missing: unknown"))
        case .default where question.defaultValue != nil:
          session.answer(question.id, question.defaultValue!, source: Provenance(.default))
        case .default, .error, .ask:
          missing = question
          continue
        }
      } else {
        break
      }
      walk = try session.walk()
    }
    var likelyNext: [String] = []
    if missing != nil {
      var probe = session
      var probeWalk = walk
      while likelyNext.count < 50 {
        if let step = probeWalk.pendingProbe {
          probe.record(.declined(node: step.id))
        } else if let question = probeWalk.pendingQuestion {
          if question.id != missing?.id { likelyNext.append(question.id) }
          probe.answer(question.id, .unknown, source: Provenance(.default))
        } else {
          break
        }
        probeWalk = try probe.walk()
      }
    }
    return AnswerReplay(session: session, missing: missing, likelyNext: likelyNext)
  }
}
