import Foundation
import Testing

/// Issue 4's "done when": a non-interactive run given only evidence files reaches the right
/// conclusion, through the built binary.
@Suite("Runs from evidence alone")
struct EvidenceOnlyRunTests {
  static let evidence = Repository.knowledgeBase.appendingPathComponent("scenarios/evidence")

  static func run(_ files: [String]) throws -> [String: Any] {
    let arguments =
      ["run", "--json", "-"]
      + files.flatMap { ["--evidence", evidence.appendingPathComponent($0).path] }
    let run = try BinaryRun.run(arguments)
    #expect(run.status == 0, "\(run.standardError)")
    let object = try JSONSerialization.jsonObject(with: Data(run.standardOutput.utf8))
    return try #require(object as? [String: Any])
  }

  static func ranked(_ report: [String: Any]) -> [String] {
    (report["conclusions"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
  }

  @Test func synSentAtTenAndEvent4226GiveTheHalfOpenLimit() throws {
    let report = try Self.run(["netstat-synsent10.txt", "event-4226.txt"])
    #expect(Self.ranked(report).first == "half-open-connect-limit")
    let answers = report["answers"] as? [[String: Any]] ?? []
    let event = answers.first { $0["question"] as? String == "event-4226" }
    #expect(event?["source"] as? String == "evidence")
    #expect((event?["detail"] as? String)?.contains("Tcpip 4226") == true)
  }

  @Test func isaLogWithRateQuotaForTheStationGivesTheRateLimit() throws {
    let report = try Self.run(["isa2006-rate.w3c.log"])
    #expect(Self.ranked(report).first == "isa-connect-rate-limit")
    let answers = report["answers"] as? [[String: Any]] ?? []
    #expect(
      answers.contains {
        $0["question"] as? String == "station-ip" && $0["value"] as? String == "10.20.30.40"
      })
  }

  @Test func thousandsOfTimeWaitWith10055GivePortExhaustion() throws {
    let report = try Self.run(["netstat-timewait.txt", "netuse-10055.txt"])
    #expect(Self.ranked(report).first == "ephemeral-port-exhaustion")
  }

  @Test func nslookupTimeoutsWith1203GiveDNSUnavailable() throws {
    let report = try Self.run(["nslookup-timeout.txt", "netuse-1203.txt"])
    #expect(
      Self.ranked(report).prefix(2).sorted() == ["dns-server-unreachable", "dns-unavailable"])
    let evidence = report["evidence"] as? [[String: Any]] ?? []
    #expect(evidence.map { $0["kind"] as? String } == ["nslookup", "net-use"])
  }
}
