import Foundation

/// Many stations' reports as one table, with the counts per leading cause and the stations that
/// share a cause behind the same gateway ("3 stations behind 10.0.0.1: …"). Built from report
/// JSON only (``FleetStation``), so it reads reports of any NetTriage version that writes
/// `nettriage.report/1`.
public struct FleetSummary: Sendable, Equatable {
  /// The schema tag of the JSON form.
  public static let schema = "nettriage.fleet-summary/1"

  /// How many stations have one leading cause.
  public struct CauseCount: Sendable, Equatable {
    /// The cause's ID (`none` when no cause was ranked).
    public var id: String
    /// Its title.
    public var title: String
    /// Stations whose leading cause it is.
    public var stations: Int
    /// Of those, the diagnosed ones.
    public var diagnosed: Int
  }

  /// Stations that share a leading cause and a gateway.
  public struct Group: Sendable, Equatable {
    /// The cause's ID and title.
    public var causeID: String
    /// Its title.
    public var causeTitle: String
    /// The shared gateway, or `nil` when the stations' gateways are not known.
    public var gateway: String?
    /// The stations, in table order.
    public var stations: [String]

    /// `3 stations behind 10.0.0.1: The ISA concurrent limit (a, b, c)`.
    public var sentence: String {
      let behind = gateway.map { " behind \($0)" } ?? " (gateway not known)"
      return
        "\(stations.count) stations\(behind): \(causeTitle) (\(stations.joined(separator: ", ")))"
    }
  }

  /// The stations, sorted by station name then report.
  public var stations: [FleetStation]
  /// Counts per leading cause, most stations first.
  public var causes: [CauseCount]
  /// Groups of two or more stations sharing a leading cause and gateway, largest first.
  public var groups: [Group]
  /// Files that were not read, with why.
  public var problems: [String]

  /// The summary of `stations`; `problems` are carried into every form.
  public init(stations: [FleetStation], problems: [String] = []) {
    let sorted = stations.sorted { ($0.station, $0.report) < ($1.station, $1.report) }
    self.stations = sorted
    self.problems = problems
    var counts: [String: CauseCount] = [:]
    var order: [String] = []
    for station in sorted {
      let id = station.causeID ?? "none"
      if counts[id] == nil {
        counts[id] = CauseCount(
          id: id, title: station.causeTitle ?? "no cause ranked", stations: 0, diagnosed: 0)
        order.append(id)
      }
      counts[id]?.stations += 1
      if station.outcome == "diagnosed" { counts[id]?.diagnosed += 1 }
    }
    causes = order.compactMap { counts[$0] }.sorted {
      ($0.stations, $1.id) > ($1.stations, $0.id)
    }
    var groups: [Group] = []
    for station in sorted {
      guard let cause = station.causeID else { continue }
      if let index = groups.firstIndex(where: {
        $0.causeID == cause && $0.gateway == station.gateway
      }) {
        groups[index].stations.append(station.station)
      } else {
        groups.append(
          Group(
            causeID: cause, causeTitle: station.causeTitle ?? cause, gateway: station.gateway,
            stations: [station.station]))
      }
    }
    self.groups = groups.filter { $0.stations.count >= 2 }.sorted {
      ($0.stations.count, $1.causeID, $1.gateway ?? "") > (
        $1.stations.count, $0.causeID, $0.gateway ?? ""
      )
    }
  }

  // MARK: - Rendering

  /// A Markdown table of the stations, the counts per cause, and the shared groups.
  public var markdown: String {
    var out = ["# Fleet summary", ""]
    let diagnosed = stations.filter { $0.outcome == "diagnosed" }.count
    out.append(
      "\(stations.count) station\(stations.count == 1 ? "" : "s"), \(diagnosed) diagnosed.")
    out.append("")
    out.append(
      "| station | label | outcome | leading cause | confidence | gateway / firewall | key figures |"
    )
    out.append("|---|---|---|---|---|---|---|")
    for station in stations {
      let cause =
        station.causeTitle.map {
          MarkdownEscaping.cell($0) + " (`\(MarkdownEscaping.cell(station.causeID ?? ""))`)"
        } ?? "—"
      let confidence = station.confidence.map { "\(Int(($0 * 100).rounded())) %" } ?? "—"
      let path = [station.gateway, station.firewall].compactMap { $0 }.joined(separator: " · ")
      let cells =
        [station.station, station.label ?? "", station.outcome].map(MarkdownEscaping.cell)
        + [cause, confidence]
        + [path.isEmpty ? "—" : path, station.figureLine.isEmpty ? "—" : station.figureLine].map(
          MarkdownEscaping.cell)
      out.append("| " + cells.joined(separator: " | ") + " |")
    }
    out += [
      "", "## Stations per leading cause", "", "| cause | stations | diagnosed |", "|---|---|---|",
    ]
    for cause in causes {
      out.append(
        "| \(MarkdownEscaping.cell(cause.title)) (`\(cause.id)`) | \(cause.stations) | \(cause.diagnosed) |"
      )
    }
    if !groups.isEmpty {
      out += ["", "## Stations that share a cause and a gateway", ""]
      for group in groups { out.append("- " + MarkdownEscaping.cell(group.sentence)) }
    }
    if !problems.isEmpty {
      out += ["", "## Not read", ""]
      for problem in problems { out.append("- " + MarkdownEscaping.cell(problem)) }
    }
    return out.joined(separator: "\n") + "\n"
  }

  /// The JSON form (`nettriage.fleet-summary/1`), keys in a fixed order.
  public var json: String {
    func optional(_ value: String?) -> JSONValue { value.map(JSONValue.string) ?? .null }
    let document: JSONValue = .object([
      ("schema", .string(Self.schema)),
      (
        "stations",
        .array(
          stations.map { station in
            .object([
              ("station", .string(station.station)), ("label", optional(station.label)),
              ("outcome", .string(station.outcome)), ("cause", optional(station.causeID)),
              ("cause_title", optional(station.causeTitle)),
              ("confidence", station.confidence.map(JSONValue.double) ?? .null),
              ("gateway", optional(station.gateway)), ("firewall", optional(station.firewall)),
              (
                "figures",
                .object(station.figures.map { ($0.fact, JSONValue.string($0.value)) })
              ),
              ("report", .string(station.report)),
              ("generated_at", optional(station.generatedAt)),
            ])
          })
      ),
      (
        "causes",
        .array(
          causes.map {
            .object([
              ("cause", .string($0.id)), ("title", .string($0.title)),
              ("stations", .int($0.stations)), ("diagnosed", .int($0.diagnosed)),
            ])
          })
      ),
      (
        "groups",
        .array(
          groups.map {
            .object([
              ("cause", .string($0.causeID)), ("title", .string($0.causeTitle)),
              ("gateway", optional($0.gateway)),
              ("stations", .array($0.stations.map(JSONValue.string))),
              ("sentence", .string($0.sentence)),
            ])
          })
      ),
      ("problems", .array(problems.map(JSONValue.string))),
    ])
    return document.serialized(pretty: true) + "\n"
  }

  /// CSV (RFC 4180, CRLF): one row a station.
  public var csv: String {
    var rows = [
      [
        "station", "label", "outcome", "cause", "cause_title", "confidence", "gateway", "firewall",
        "figures", "report",
      ]
    ]
    for station in stations {
      rows.append([
        station.station, station.label ?? "", station.outcome, station.causeID ?? "",
        station.causeTitle ?? "", station.confidence.map { FactValue.format($0) } ?? "",
        station.gateway ?? "", station.firewall ?? "", station.figureLine, station.report,
      ])
    }
    return rows.map { $0.map(Self.csvField).joined(separator: ",") }.joined(separator: "\r\n")
      + "\r\n"
  }

  /// A field quoted when it holds a comma, a quote or a line end; a leading `=`, `+`, `-` or `@`
  /// gets a `'` so a spreadsheet never runs it as a formula.
  public static func csvField(_ value: String) -> String {
    var text = value
    if let first = text.first, "=+-@".contains(first) { text = "'" + text }
    guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else {
      return text
    }
    return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }
}
