import Foundation
import Testing

/// `nettriage probe …` through the built binary. Only probes that read this machine run for real;
/// the dns probe is run only in ways that send nothing.
@Suite("nettriage probe end to end")
struct ProbeCommandTests {
  func object(_ text: String) throws -> [String: Any] {
    try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
  }

  #if os(Linux)
    @Test func censusJSONHasTheContractFields() throws {
      let run = try BinaryRun.run(["probe", "census", "--json"])
      #expect(run.status == 0)
      let result = try object(run.standardOutput)
      #expect(result["probe"] as? String == "census")
      #expect(result["status"] as? String == "ok")
      #expect(result["source"] as? String == "netlink")
      let states = try #require(result["states"] as? [String: Int])
      #expect(states.count == 11)
      #expect(states["TIME_WAIT"] != nil)
      let facts = try #require(result["facts"] as? [String: Any])
      for name in [
        "tcp.connections", "tcp.established", "tcp.time-wait", "tcp.syn-sent",
        "tcp.established-smb", "tcp.syn-sent-smb", "tcp.remote-hosts",
      ] {
        #expect(facts[name] is Int, "\(name)")
      }
      #expect(result["remote_ports"] is [String: Int])
      #expect(result["remote_hosts"] is Int)
    }

    @Test func censusFromProcSaysSo() throws {
      let run = try BinaryRun.run(["probe", "census", "--source", "proc", "--json"])
      #expect(run.status == 0)
      #expect(try object(run.standardOutput)["source"] as? String == "proc")
    }

    @Test func limitsPrintsFiguresAndExitsZero() throws {
      let run = try BinaryRun.run(["probe", "limits"])
      #expect(run.status == 0)
      #expect(run.standardOutput.hasPrefix("limits: ok"))
      #expect(run.standardOutput.contains("FIN_WAIT_2"))
      #expect(run.standardOutput.contains("ephemeral ports"))
    }

    @Test func interfacesJSONListsLoopback() throws {
      let run = try BinaryRun.run(["probe", "interfaces", "--json"])
      #expect(run.status == 0)
      let result = try object(run.standardOutput)
      let interfaces = try #require(result["interfaces"] as? [[String: Any]])
      #expect(interfaces.contains { $0["name"] as? String == "lo" })
    }
  #endif

  @Test func dnsWithAnInvalidNameFailsWithExitOneAndSendsNothing() throws {
    let run = try BinaryRun.run(["probe", "dns", "bad..name", "--server", "127.0.0.1:9"])
    #expect(run.status == 1)
    #expect(run.standardOutput.hasPrefix("dns: failed"))
    #expect(run.standardOutput.contains("name 'bad..name': every label must have 1 to 63"))
  }

  @Test(arguments: [
    ["probe", "dns", "example.test", "--server", "dns.example"],
    ["probe", "dns", "example.test", "--timeout", "0"],
    ["probe", "census", "--source", "carrier-pigeon"],
  ])
  func badCommandLinesExit64(arguments: [String]) throws {
    let run = try BinaryRun.run(arguments)
    #expect(run.status == 64)
  }

  @Test func helpSaysWhatIsReadAndThatNothingChanges() throws {
    for probe in ["census", "limits", "interfaces", "dns"] {
      let run = try BinaryRun.run(["probe", probe, "--help"])
      #expect(run.status == 0)
      #expect(run.standardOutput.contains("changed"), "\(probe)")
    }
    let group = try BinaryRun.run(["probe", "--help"])
    #expect(group.standardOutput.contains("census"))
    #expect(group.standardOutput.contains("dns"))
  }
}
