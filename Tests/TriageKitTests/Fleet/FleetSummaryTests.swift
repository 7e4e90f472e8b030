import Foundation
import Testing
import TriageKit

@Suite("Fleet summary")
struct FleetSummaryTests {
  static func station(
    _ name: String, cause: String?, gateway: String?, outcome: String = "diagnosed",
    label: String? = nil
  ) -> FleetStation {
    FleetStation(
      station: name, label: label, outcome: outcome, causeID: cause,
      causeTitle: cause.map { "Title of \($0)" }, confidence: cause == nil ? nil : 0.8,
      gateway: gateway, firewall: nil,
      figures: [.init(fact: "tcp.syn-sent", name: "SYN_SENT", value: "10")],
      report: "\(name).json", generatedAt: nil)
  }

  static let fleet = FleetSummary(stations: [
    station("c", cause: "isa-concurrent", gateway: "10.0.0.1"),
    station("a", cause: "isa-concurrent", gateway: "10.0.0.1"),
    station("b", cause: "isa-concurrent", gateway: "10.0.0.1", outcome: "inconclusive"),
    station("d", cause: "isa-concurrent", gateway: "10.9.9.1"),
    station("e", cause: "port-exhaustion", gateway: "10.9.9.1"),
    station("f", cause: nil, gateway: nil, outcome: "incomplete"),
  ])

  @Test func stationsAreSortedByName() {
    #expect(Self.fleet.stations.map(\.station) == ["a", "b", "c", "d", "e", "f"])
  }

  @Test func causesAreCountedMostStationsFirst() {
    let counts = Self.fleet.causes.map { "\($0.id) \($0.stations) \($0.diagnosed)" }
    #expect(counts == ["isa-concurrent 4 3", "none 1 0", "port-exhaustion 1 1"])
  }

  @Test func stationsSharingACauseAndGatewayAreGrouped() {
    #expect(Self.fleet.groups.count == 1)
    let group = Self.fleet.groups[0]
    #expect(group.gateway == "10.0.0.1" && group.stations == ["a", "b", "c"])
    #expect(group.sentence == "3 stations behind 10.0.0.1: Title of isa-concurrent (a, b, c)")
  }

  @Test func markdownHasOneRowAStation() {
    let rows = Self.fleet.markdown.split(separator: "\n").filter { $0.hasPrefix("| ") }
    // header, 6 stations, cause header, 3 causes
    #expect(rows.count == 1 + 6 + 1 + 3)
    #expect(Self.fleet.markdown.contains("- 3 stations behind 10.0.0.1"))
  }

  @Test func jsonParsesBackWithTheSameCounts() throws {
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(Self.fleet.json.utf8)) as? [String: Any])
    #expect(object["schema"] as? String == FleetSummary.schema)
    #expect((object["stations"] as? [Any])?.count == 6)
    let groups = try #require(object["groups"] as? [[String: Any]])
    #expect(groups.first?["stations"] as? [String] == ["a", "b", "c"])
  }

  @Test func csvQuotesAndDefusesFormulas() {
    #expect(FleetSummary.csvField("plain") == "plain")
    #expect(FleetSummary.csvField("a,b") == "\"a,b\"")
    #expect(FleetSummary.csvField("say \"hi\"") == "\"say \"\"hi\"\"\"")
    #expect(FleetSummary.csvField("=cmd()") == "'=cmd()")
    let lines = Self.fleet.csv.components(separatedBy: "\r\n").filter { !$0.isEmpty }
    #expect(lines.count == 7)
    #expect(lines[0].hasPrefix("station,label,outcome,cause,"))
  }
}
