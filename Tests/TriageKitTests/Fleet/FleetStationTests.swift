import Foundation
import Testing
import TriageKit

@Suite("Fleet station from a report")
struct FleetStationTests {
  static let snapshots = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("Snapshots")

  @Test func readsTheLeadingCauseOfAGoldenReport() throws {
    let url = Self.snapshots.appendingPathComponent("isa-2006-enterprise-500-hosts-rate-limit.json")
    let data = try Data(contentsOf: url)
    let station = try FleetStation.read(data, path: url.path)
    // Counted independently of FleetStation: the first ranked conclusion.
    let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    let first = try #require((object["conclusions"] as? [[String: Any]])?.first)
    #expect(station.causeID == first["id"] as? String)
    #expect(station.confidence == (first["confidence"] as? NSNumber)?.doubleValue)
    #expect(station.outcome == object["outcome"] as? String)
    // No station facts: the file name names the station.
    #expect(station.station == "isa-2006-enterprise-500-hosts-rate-limit")
    #expect(station.firewall == "ISA Server 2006 Enterprise Edition (managed as an array)")
  }

  @Test func stationFactsNameTheStation() throws {
    let json = """
      {"schema": "nettriage.report/1", "outcome": "diagnosed",
       "conclusions": [{"id": "c", "title": "T", "confidence": 0.75}],
       "facts": {"station.host": {"value": "ws-12", "source": "evidence"},
                 "station.label": {"value": "site b", "source": "evidence"},
                 "station.gateway": {"value": "10.0.0.1", "source": "evidence"},
                 "tcp.syn-sent": {"value": 10, "source": "evidence"},
                 "tcp.time-wait": {"value": 0, "source": "evidence"},
                 "limits.conntrack-usage": {"value": 0.973, "source": "evidence"}}}
      """
    let station = try FleetStation.read(Data(json.utf8), path: "/r/x.json")
    #expect(station.station == "ws-12" && station.label == "site b")
    #expect(station.gateway == "10.0.0.1")
    #expect(station.figureLine == "SYN_SENT 10 · conntrack use 97 %")
  }

  @Test(arguments: [
    ("[1, 2]", "r.json: not a 'nettriage.report/1' report (not JSON, or fields of the wrong type)"),
    (#"{"outcome": "diagnosed"}"#, "r.json: no 'schema' (expected a 'nettriage.report/1' report)"),
    (
      #"{"schema": "nettriage.bundle/1"}"#,
      "r.json: schema 'nettriage.bundle/1' is not a NetTriage report"
    ),
    (#"{"schema": "nettriage.report/1"}"#, "r.json: no 'outcome'"),
  ])
  func notAReportIsAClearError(_ input: String, _ message: String) {
    #expect(throws: TriageError.invalidInput(message)) {
      try FleetStation.read(Data(input.utf8), path: "r.json")
    }
  }
}
