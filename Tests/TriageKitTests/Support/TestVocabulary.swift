@testable import TriageKit

/// A small vocabulary for tests of the vocabulary checks: the connection facts of a netstat and a
/// `dns` and a `connect` probe with typed arguments.
enum TestVocabulary {
  static let dns = ProbeDeclaration(
    "dns",
    arguments: [
      ProbeArgument("name", .text, required: true, "the name to look up"),
      ProbeArgument("timeout", .number, "seconds to wait"),
    ],
    facts: [SharedFacts.lookupStatus])

  static let connect = ProbeDeclaration(
    "connect", arguments: [ProbeArgument("target", .hostPort, required: true, "host:port")],
    facts: [FactDeclaration("probe.connect.connected", .yesNo, "it connected")])

  static let standard = Vocabulary(
    sources: [
      ("netstat", SharedFacts.connections),
      ("isa-log", [FactDeclaration("isa.{result-code}", .number, "records with that code")]),
    ],
    probes: [dns, connect])
}
