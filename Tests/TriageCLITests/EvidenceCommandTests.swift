import Foundation
import Testing

/// `nettriage parse` and `--evidence` through the built binary: the errors a person meets.
@Suite("Evidence on the command line")
struct EvidenceCommandTests {
  @Test func unrecognisedInputListsTheKindsAndExits65() throws {
    let folder = try TemporaryDirectory()
    let file = try folder.write("mystery.txt", "hello\nthis is not a command's output\n")
    let run = try BinaryRun.run(["parse", file])
    #expect(run.status == 65)
    #expect(
      run.standardError.contains("mystery.txt:1: error: cannot tell what kind of output this is"))
    #expect(run.standardError.contains("netstat, ss, get-nettcpconnection, ipconfig"))
  }

  @Test func localizedWindowsOutputIsRefusedNotMisread() throws {
    let folder = try TemporaryDirectory()
    let file = try folder.write(
      "netstat-nl.txt",
      "\r\nActieve verbindingen\r\n\r\n  Proto  Lokaal adres           Externe adres          Status\r\n  TCP    0.0.0.0:135            0.0.0.0:0              LISTENING\r\n"
    )
    let run = try BinaryRun.run(["parse", "auto", file, "--json"])
    #expect(run.status == 65)
    #expect(
      run.standardError.contains(
        "netstat-nl.txt:2: error: this looks like the output of a Windows in another language"))
    #expect(run.standardOutput.isEmpty)
  }

  /// A language with a table (French) is read, and the language is named in the output.
  @Test func frenchWindowsNetstatIsReadAndNamed() throws {
    let folder = try TemporaryDirectory()
    let file = try folder.write(
      "netstat-fr.txt",
      "\r\nConnexions actives\r\n\r\n  Proto  Adresse locale         Adresse distante       \u{C9}tat\r\n  TCP    0.0.0.0:135            0.0.0.0:0              LISTENING\r\n"
    )
    let run = try BinaryRun.run(["parse", "auto", file, "--json"])
    #expect(run.status == 0)
    #expect(run.standardOutput.contains("\"language\": \"French\""))
    #expect(run.standardOutput.contains("\"tcp.listen\": 1"))
  }

  @Test func missingFileExits66AndUnknownKindIsAUsageError() throws {
    let missing = try BinaryRun.run(["parse", "netstat", "/nonexistent/netstat.txt"])
    #expect(missing.status == 66)
    let unknown = try BinaryRun.run(["parse", "netsat", "/nonexistent/netstat.txt"])
    #expect(unknown.status == 64)
    #expect(unknown.standardError.contains("did you mean 'netstat'?"))
    let empty = try BinaryRun.run(["parse", "-"], input: "  \n\n")
    #expect(empty.status == 65)
    #expect(empty.standardError.contains("the input is empty"))
  }

  /// Issue 12's item 6: an unreadable file is named and set aside, the run goes on to its outcome;
  /// `--strict` keeps the all-or-nothing exit 65.
  @Test func runNeedsAnswersOrEvidenceAndSetsAsideUnreadableEvidence() throws {
    let neither = try BinaryRun.run(["run"])
    #expect(neither.status == 64)
    #expect(
      neither.standardError.contains(
        "give an answer file (--answers FILE), evidence (--evidence FILE), or both"))
    let folder = try TemporaryDirectory()
    let file = try folder.write("garbage.txt", "\u{1}\u{2}\u{3} not evidence\n")
    let good = try folder.write(
      "events.txt",
      "Log Name: System\nSource: Tcpip\nEvent ID: 4226\nLevel: Warning\nDescription:\nTCP/IP has reached the security limit imposed on the number of concurrent TCP connect attempts.\n"
    )
    let run = try BinaryRun.run(["run", "--evidence", file, "--evidence", good, "--json", "-"])
    #expect(run.status == 0 || run.status == 1)
    #expect(run.standardError.contains("garbage.txt"))
    #expect(run.standardError.contains("set aside"))
    // A demoted error keeps the errors' shape: the place first, then `warning:`.
    #expect(run.standardError.contains("garbage.txt:1: warning: "), "\(run.standardError)")
    #expect(!run.standardError.contains("error:"))
    #expect(run.standardOutput.contains("could not be read"))
    let strict = try BinaryRun.run(["run", "--strict", "--evidence", file, "--evidence", good])
    #expect(strict.status == 65)
    #expect(strict.standardError.contains("garbage.txt"))
  }
}

@Suite("Probe results saved for replay")
struct ProbeSaveTests {
  @Test func saveAppendsOneRecordedObservationPerRun() throws {
    let folder = try TemporaryDirectory()
    let file = folder.path("probes.jsonl")
    for _ in 0..<2 {
      let run = try BinaryRun.run(["probe", "limits", "--save", file])
      #expect([0, 1].contains(run.status), "\(run.standardError)")
    }
    let lines = try folder.read("probes.jsonl").split(separator: "\n")
    #expect(lines.count == 2)
    for line in lines {
      let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
      #expect(object?["kind"] as? String == "limits")
      #expect(object?["origin"] as? String == "probe")
    }
  }
}
