/// Something observed rather than answered: evidence a person pasted or attached, or what a probe
/// saw on this machine. Its facts answer the questions they settle (through the questions' `infer:`
/// rules, or directly when a fact has a question's name), with their provenance.
///
/// Recorded as an event, so a resumed or replayed session knows it too; the report shows its key
/// figures and, for evidence, the raw text.
public struct Observation: Hashable, Sendable, Codable {
  /// Where it came from: `.evidence` or `.probe`.
  public var origin: Provenance.Source
  /// The evidence kind (`netstat`, `isa-log`…) or the probe (`census`, `fanout`…).
  public var kind: String
  /// Which variant was read (`windows-netstat`, `w3c`…), or the probe's status (`ok`, `failed`,
  /// `not-run`).
  public var format: String
  /// What a person calls it: a file name, `pasted`, `probe census`.
  public var label: String
  /// The facts it gives.
  public var facts: [String: FactValue]
  /// Key figures: `1,214 TIME_WAIT`, `11 SYN_SENT`.
  public var figures: [String]
  /// The raw text (evidence) or observation (probe), at most ``rawLimit`` bytes.
  public var raw: String
  /// Whether `raw` was cut to ``rawLimit``.
  public var rawTruncated: Bool
  /// The probe node it answers, for probe results recorded by a probe step.
  public var node: String?
  /// The arguments a probe step's probe ran with (its inputs): when they differ from what the
  /// facts now give, the step is offered again.
  public var arguments: [String: String]?

  /// How much raw text a session keeps (the journal and the report carry it).
  public static let rawLimit = 256 * 1024

  /// An observation; `raw` longer than ``rawLimit`` is cut at the last whole line before it.
  public init(
    origin: Provenance.Source, kind: String, format: String, label: String,
    facts: [String: FactValue], figures: [String], raw: String, node: String? = nil,
    arguments: [String: String]? = nil
  ) {
    self.origin = origin
    self.kind = kind
    self.format = format
    self.label = label
    self.facts = facts
    self.figures = figures
    if raw.utf8.count > Self.rawLimit {
      var cut = raw.utf8.prefix(Self.rawLimit)
      // Never cut inside a character or a line.
      while let last = cut.last, last != 10 { cut = cut.dropLast() }
      self.raw = String(decoding: cut, as: UTF8.self)
      rawTruncated = true
    } else {
      self.raw = raw
      rawTruncated = false
    }
    self.node = node
    self.arguments = arguments
  }

  /// Whether a probe ran and observed what it was for (evidence always counts as observed).
  public var succeeded: Bool { origin != .probe || format == "ok" }

  /// A probe step's probe that did not run, with why: it gives no facts, so the questions follow.
  public static func notRun(_ node: ProbeNode, reason: String) -> Observation {
    Observation(
      origin: .probe, kind: node.probe, format: "not-run", label: "probe \(node.probe)", facts: [:],
      figures: ["not run: \(reason)"], raw: "", node: node.id)
  }

  /// The provenance of its facts: `evidence: netstat -ano (netstat.txt): 1,214 TIME_WAIT, 11 SYN_SENT`.
  public var provenance: Provenance {
    let figures = self.figures.prefix(3).joined(separator: ", ")
    let what = origin == .probe ? "probe \(kind)" : "\(kind) (\(label))"
    return Provenance(origin, detail: figures.isEmpty ? what : "\(what): \(figures)")
  }

  /// Its facts with their provenance.
  public var factValues: [String: Fact] {
    let provenance = self.provenance
    return Dictionary(
      uniqueKeysWithValues: facts.map {
        ($0.key, Fact(name: $0.key, value: $0.value, provenance: provenance))
      })
  }
}
