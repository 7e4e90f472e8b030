import Foundation

/// One station's line in a fleet summary, read from its `nettriage.report/1` JSON (only the
/// documented fields, so a report with more fields reads the same).
public struct FleetStation: Sendable, Equatable {
  /// A key figure: what it counts and the value as printed.
  public struct Figure: Sendable, Equatable {
    /// The fact: `tcp.syn-sent`.
    public var fact: String
    /// How the summary names it: `SYN_SENT`.
    public var name: String
    /// The value as printed: `1,214`, `97 %`.
    public var value: String

    /// Creates one from its parts.
    public init(fact: String, name: String, value: String) {
      self.fact = fact
      self.name = name
      self.value = value
    }
  }

  /// The station: the bundle's `station.host` fact, else the report's file name.
  public var station: String
  /// The label given at collection (`station.label`), if any.
  public var label: String?
  /// `diagnosed`, `inconclusive` or `incomplete`.
  public var outcome: String
  /// The leading cause's ID and title, and its confidence (0…1), when any cause is ranked.
  public var causeID: String?
  /// The leading cause's title.
  public var causeTitle: String?
  /// Its confidence, 0…1.
  public var confidence: Double?
  /// The default gateway (`station.gateway`), when the evidence named it.
  public var gateway: String?
  /// The firewall on the path, as answered (`firewall-path`), when known.
  public var firewall: String?
  /// Key figures present in the report's facts.
  public var figures: [Figure]
  /// The report file.
  public var report: String
  /// When the report was generated.
  public var generatedAt: String?

  /// Creates one from its parts.
  public init(
    station: String, label: String?, outcome: String, causeID: String?, causeTitle: String?,
    confidence: Double?, gateway: String?, firewall: String?, figures: [Figure], report: String,
    generatedAt: String?
  ) {
    self.station = station
    self.label = label
    self.outcome = outcome
    self.causeID = causeID
    self.causeTitle = causeTitle
    self.confidence = confidence
    self.gateway = gateway
    self.firewall = firewall
    self.figures = figures
    self.report = report
    self.generatedAt = generatedAt
  }

  /// The key figures the summary shows when a report has them, in this order.
  public static let keyFacts: [(fact: String, name: String)] = [
    ("tcp.syn-sent", "SYN_SENT"), ("tcp.time-wait", "TIME_WAIT"),
    ("tcp.established", "ESTABLISHED"), ("event.4226", "event 4226"),
    ("event.4227", "event 4227"), ("event.4231", "event 4231"),
    ("isa.0xc0040037", "ISA rate 0xC0040037"), ("isa.0xc004000d", "ISA 0xC004000D"),
    ("limits.conntrack-usage", "conntrack use"), ("kernel.conntrack-full", "conntrack full"),
    ("net.error", "system error"), ("nslookup.status", "DNS"),
    ("limits.port-range-size", "ephemeral ports"),
  ]

  /// The fields of a report the summary reads.
  private struct Document: Decodable {
    struct Ranked: Decodable {
      var id: String
      var title: String
      var confidence: Double?
    }
    struct FactEntry: Decodable {
      var value: FactValue
    }
    struct Answer: Decodable {
      var question: String
      var value: FactValue
      var display: String?
    }
    var schema: String?
    var outcome: String?
    var generatedAt: String?
    var conclusions: [Ranked]?
    var facts: [String: FactEntry]?
    var answers: [Answer]?

    enum CodingKeys: String, CodingKey {
      case schema, outcome, conclusions, facts, answers
      case generatedAt = "generated_at"
    }
  }

  /// Reads the report JSON in `data`; `path` names it. Throws `invalidInput` when it is not a
  /// NetTriage report.
  public static func read(_ data: Data, path: String) throws(TriageError) -> FleetStation {
    let document: Document
    do {
      document = try JSONDecoder().decode(Document.self, from: data)
    } catch {
      throw .invalidInput(
        "\(path): not a 'nettriage.report/1' report (not JSON, or fields of the wrong type)")
    }
    guard let schema = document.schema else {
      throw .invalidInput("\(path): no 'schema' (expected a 'nettriage.report/1' report)")
    }
    guard schema.hasPrefix("nettriage.report/") else {
      throw .invalidInput("\(path): schema '\(schema)' is not a NetTriage report")
    }
    guard let outcome = document.outcome else {
      throw .invalidInput("\(path): no 'outcome'")
    }
    let facts = document.facts ?? [:]
    func text(_ name: String) -> String? {
      guard case .string(let value) = facts[name]?.value, !value.isEmpty else { return nil }
      return value
    }
    var figures: [Figure] = []
    for (name, label) in keyFacts {
      switch facts[name]?.value {
      case .number(let value) where name == "limits.conntrack-usage":
        // Only a table filling up is worth a column.
        if value >= 0.5 {
          figures.append(
            Figure(fact: name, name: label, value: "\(Int((value * 100).rounded())) %"))
        }
      case .number(let value) where name == "limits.port-range-size":
        // Only a range smaller than the defaults (16,384 on Windows, 28,232 on Linux).
        if value < 16384 {
          figures.append(Figure(fact: name, name: label, value: Self.number(value)))
        }
      case .number(let value) where value != 0:
        figures.append(Figure(fact: name, name: label, value: Self.number(value)))
      case .string(let value) where value != "ok":
        figures.append(Figure(fact: name, name: label, value: value))
      default:
        continue
      }
    }
    let top = document.conclusions?.first
    let firewall = document.answers?.first { $0.question == "firewall-path" }
    var firewallName: String?
    if let firewall, firewall.value != .unknown {
      firewallName = firewall.display ?? firewall.value.display
    }
    let stem = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
    return FleetStation(
      station: text("station.host") ?? stem, label: text("station.label"), outcome: outcome,
      causeID: top?.id, causeTitle: top?.title, confidence: top?.confidence,
      gateway: text("station.gateway"), firewall: firewallName, figures: figures, report: path,
      generatedAt: document.generatedAt)
  }

  /// `1,214` for whole numbers, else as facts print.
  static func number(_ value: Double) -> String {
    value == value.rounded() && abs(value) < 1e15
      ? FactValue.grouped(Int(value)) : FactValue.format(value)
  }

  /// The figures as one line: `SYN_SENT 10 · event 4226 3`.
  public var figureLine: String {
    figures.map { "\($0.name) \($0.value)" }.joined(separator: " · ")
  }
}
