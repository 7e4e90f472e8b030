import Foundation
import Testing

/// `nettriage parse` on a messy paste: the skipped lines on standard error, `--strict` exiting 65.
@Suite("Lenient parse on the command line")
struct ParseLenientCommandTests {
  static let paste =
    "  TCP    10.0.0.5:50100         10.0.0.20:445          SYN_SENT\n"
    + "  TCP    10.0.0.5:50101         10.0.0.21:445          SYN_SENT\n... truncated\n"

  @Test func skippedLinesAreListedAndTheFactsKept() throws {
    let folder = try TemporaryDirectory()
    let file = try folder.write("netstat.txt", Self.paste)
    let run = try BinaryRun.run(["parse", "auto", file, "--json"])
    #expect(run.status == 0)
    #expect(run.standardError.contains("skipped 1 line:"))
    #expect(run.standardError.contains("line 3: marks text left out of the paste: '... truncated'"))
    #expect(run.standardError.contains("the input looks cut off at the end"))
    #expect(
      run.standardOutput.contains("\"cut_off\" : true")
        || run.standardOutput.contains("\"cut_off\": true"))
    #expect(run.standardOutput.contains("\"tcp.syn-sent\""))
  }

  @Test func strictRefusesTheSamePaste() throws {
    let folder = try TemporaryDirectory()
    let file = try folder.write("netstat.txt", Self.paste)
    let run = try BinaryRun.run(["parse", "netstat", file, "--strict"])
    #expect(run.status == 65)
    #expect(run.standardError.contains("netstat.txt:3"))
    #expect(run.standardOutput.isEmpty)
  }

  @Test func germanNetstatIsReadAndNamed() throws {
    let folder = try TemporaryDirectory()
    let file = try folder.write(
      "netstat-de.txt",
      "\r\nAktive Verbindungen\r\n\r\n  Proto  Lokale Adresse         Remoteadresse          Status\r\n  TCP    0.0.0.0:135            0.0.0.0:0              ABHÖREN\r\n  TCP    10.0.0.5:49800         10.0.0.9:445           HERGESTELLT\r\n"
    )
    let run = try BinaryRun.run(["parse", "auto", file])
    #expect(run.status == 0)
    #expect(run.standardError.contains(", German"))
    #expect(run.standardOutput.contains("1 ESTABLISHED"))
  }
}
