/// A probe step: NetTriage looks for itself on this machine (counts connections, reads limits,
/// queries DNS, opens test connections) — only after the person agrees, or as an answer file's
/// `probes:` says.
///
/// The walk waits here with ``InputRequest/probe(_:)`` until the probe's result is recorded (its
/// facts join the session's and the questions they settle are answered from them) or the person
/// declines; then it goes on to `next`, or to `skipped` when declined or when an argument it needs
/// is not known.
public struct ProbeNode: FlowNode, Hashable {
  /// The node's ID.
  public var id: String
  /// Where it is written.
  public var location: SourceLocation
  /// Which probe (a name the vocabulary declares: `census`, `dns`, `fanout`…).
  public var probe: String
  /// Arguments with templates: `name: "{{failing-host}}"`, `targets: "{{targets-file}}"`.
  public var arguments: [String: String]
  /// Why it helps, Markdown (`.why`).
  public var why: String
  /// What it will touch, with templates, for the person's consent: "open up to 200 TCP
  /// connections to the hosts in {{targets-file}}".
  public var consent: String
  /// Where the walk goes once the probe ran.
  public var next: Route
  /// Where it goes when the person declines or an argument is not known.
  public var skipped: Route

  /// `next`, and `skipped` when it goes elsewhere.
  public var routes: [Route] { next.next == skipped.next ? [next] : [next, skipped] }

  /// The fact names the arguments and the consent text refer to.
  public var argumentFacts: [String] {
    (arguments.values.sorted() + [consent]).flatMap(Template.factNames(in:))
  }

  /// The arguments with their templates filled from `facts`; `nil` when one refers to a fact that
  /// is missing or `unknown`.
  public func resolvedArguments(_ facts: [String: Fact]) -> [String: String]? {
    var resolved: [String: String] = [:]
    for (name, template) in arguments {
      for fact in Template.factNames(in: template) {
        guard let value = facts[fact]?.value, value != .unknown else { return nil }
      }
      resolved[name] = Template.render(template) { facts[$0]?.value.display ?? "" }
    }
    return resolved
  }

  /// Goes on once the probe ran or was declined; else waits for it.
  public func resolve(in context: ResolutionContext) -> NodeResolution {
    if context.observed.contains(id) {
      // Run with other inputs than the facts now give (an answer changed since): ask again.
      if let recorded = context.observedArguments[id],
        let now = resolvedArguments(context.facts), now != recorded
      {
        return .needsInput(.probe(self))
      }
      return .advance(next, step: .probed(node: id, probe: probe, ran: true))
    }
    if context.declined.contains(id) || resolvedArguments(context.facts) == nil {
      return .advance(skipped, step: .probed(node: id, probe: probe, ran: false))
    }
    return .needsInput(.probe(self))
  }
}

// The compiled knowledge base (`CompiledKnowledgeBase`) stores the model as it loads.
extension ProbeNode: Codable {}
