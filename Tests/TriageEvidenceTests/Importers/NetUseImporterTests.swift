import Testing
import TriageKit

@testable import TriageEvidence

@Suite struct NetUseImporterTests {
  typealias Fixtures = ImporterChecks

  /// The errors of each fixture in order, read by hand from the file.
  struct Expected: Sendable, CustomStringConvertible {
    var file: String
    var codes: [Int]
    var successes: Int
    var top: Int
    var target: String?
    var description: String { file }
  }

  static let expected: [Expected] = [
    .init(
      file: "virtualbox-forum-thread-1231.txt", codes: [1231], successes: 0, top: 1231,
      target: "\\\\vboxsvr\\installer"),
    .init(file: "ctf-notes-1231.txt", codes: [1231], successes: 0, top: 1231, target: nil),
    .init(file: "ctf-notes-net-share-success.txt", codes: [], successes: 1, top: 0, target: nil),
    .init(
      file: "azure-files-troubleshooting-excerpt.txt", codes: [5, 53, 67, 87], successes: 0,
      top: 5, target: nil),
    .init(file: "kb314882-wrapped-message.txt", codes: [71], successes: 0, top: 71, target: nil),
    .init(file: "kb122920-error-71.txt", codes: [71, 71], successes: 0, top: 71, target: nil),
  ]

  @Test func everyFixtureHasExpectedFigures() {
    #expect(Set(Fixtures.names(.netUse)) == Set(Self.expected.map(\.file)))
  }

  @Test(arguments: expected) func realOutput(_ expected: Expected) throws {
    let evidence = try Fixtures.read(.netUse, expected.file)
    let errors = Fixtures.value(evidence, "errors")?.arrayValue ?? []
    #expect(errors.compactMap { $0["code"]?.intValue } == expected.codes)
    #expect(Fixtures.value(evidence, "successes") == .int(expected.successes))
    #expect(evidence.facts["net.error"] == .number(Double(expected.top)))
    #expect(evidence.facts["net.errors"] == .number(Double(expected.codes.count)))
    if let first = errors.first {
      #expect(first["target"] == expected.target.map(JSONValue.string) ?? .null)
    }
  }

  @Test func wrappedMessagesAreJoined() throws {
    let evidence = try Fixtures.read(.netUse, "virtualbox-forum-thread-1231.txt")
    let error = Fixtures.value(evidence, "errors")?.arrayValue?.first
    // The XP console cut 'troubleshooting' at column 80.
    #expect(
      error?["message"]
        == "The network location cannot be reached. For information about network troubleshooting, see Windows Help."
    )
    #expect(error?["name"] == "ERROR_NETWORK_UNREACHABLE")
    let wrapped = try Fixtures.read(.netUse, "kb314882-wrapped-message.txt")
    #expect(
      Fixtures.value(wrapped, "errors")?.arrayValue?.first?["message"]?.stringValue?.hasSuffix(
        "as many connections as the computer can accept.") == true)
  }

  @Test func batchLoopOverManyHosts() throws {
    // 500 hosts: every 7th answers, every 50th loses its session, the rest time out with 53.
    var log = "C:\\scripts>for /f %h in (hosts.txt) do net use \\\\%h\\ipc$\n\n"
    var expected: [Int: Int] = [:]
    var successes = 0
    for host in 1...500 {
      log += "C:\\scripts>net use \\\\10.20.\(host / 250).\(host % 250)\\ipc$\n"
      if host % 7 == 0 {
        log += "The command completed successfully.\n\n"
        successes += 1
      } else if host % 50 == 0 {
        log +=
          "System error 64 has occurred.\n\nThe specified network name is no longer available.\n\n"
        expected[64, default: 0] += 1
      } else {
        log += "System error 53 has occurred.\n\nThe network path was not found.\n\n"
        expected[53, default: 0] += 1
      }
    }
    let evidence = try NetUseImporter.read(EvidenceText(log))
    #expect(Fixtures.value(evidence, "successes") == .int(successes))
    #expect(Fixtures.value(evidence, "codes")?["53"] == .int(expected[53] ?? 0))
    #expect(Fixtures.value(evidence, "codes")?["64"] == .int(expected[64] ?? 0))
    #expect(evidence.facts["net.error"] == .number(53))
    #expect(evidence.facts["net.errors"] == .number(Double(500 - successes)))
    let errors = Fixtures.value(evidence, "errors")?.arrayValue ?? []
    #expect(errors.first?["target"] == "\\\\10.20.0.1\\ipc$")
    #expect(errors.last?["target"] == "\\\\10.20.2.0\\ipc$")
    #expect(errors.allSatisfy { $0["message"]?.stringValue?.hasPrefix("The ") == true })
  }

  @Test(arguments: [
    ("The network path was not found.", 53),
    ("The specified network name is no longer available.", 64),
    ("The network name cannot be found.", 67),
    ("No network provider accepted the given network path.", 1203),
    (
      "The network path was either typed incorrectly, does not exist, or the network provider is not currently available. Please try retyping the path or contact your network administrator.",
      1203
    ),
    ("The remote system is not reachable by the transport.", 1232),
    (
      "An operation on a socket could not be performed because the system lacked sufficient buffer space or because a queue was full.",
      10055
    ),
    (
      "A connection attempt failed because the connected party did not properly respond after a period of time, or established connection failed because connected host has failed to respond.",
      10060
    ),
    ("No connection could be made because the target machine actively refused it.", 10061),
    ("No such host is known.", 11001),
  ])
  func messageAloneMapsToItsCode(_ message: String, _ code: Int) throws {
    let evidence = try NetUseImporter.read(EvidenceText("mount failed: \(message)\n"))
    #expect(evidence.facts["net.error"] == .number(Double(code)))
    let error = Fixtures.value(evidence, "errors")?.arrayValue?.first
    #expect(error?["name"] == .string(WindowsSystemError.code(code)?.name ?? ""))
  }

  @Test func sharedTextReadsAs1231UnlessTheLineSays1232() throws {
    let text =
      "The network location cannot be reached. For information about network troubleshooting, see Windows Help."
    let plain = try NetUseImporter.read(EvidenceText(text))
    #expect(plain.facts["net.error"] == .number(1231))
    let named = try NetUseImporter.read(EvidenceText("error 1232: \(text)"))
    #expect(named.facts["net.error"] == .number(1232))
  }

  @Test func helpmsgLineGivesTheCode() throws {
    let text = try EvidenceText(
      """
      C:\\>net use z: /delete
      The network connection could not be found.

      More help is available by typing NET HELPMSG 2250.

      """)
    let evidence = try NetUseImporter.read(text)
    #expect(evidence.facts["net.errors"] == .number(1))
    #expect(evidence.facts["net.error"] == .number(2250))
  }

  @Test func unknownCodeKeepsItsMessage() throws {
    let text = try EvidenceText(
      "C:\\>net view \\\\workgroup-pc\nSystem error 6118 has occurred.\n\nThe list of servers for this workgroup is not currently available\n"
    )
    let error = Fixtures.value(try NetUseImporter.read(text), "errors")?.arrayValue?.first
    #expect(error?["code"] == 6118)
    #expect(error?["name"] == .null)
    #expect(
      error?["message"] == "The list of servers for this workgroup is not currently available")
    #expect(error?["target"] == "\\\\workgroup-pc")
  }

  @Test func tieGoesToTheCodeSeenFirst() throws {
    let text = try EvidenceText(
      "System error 64 has occurred.\n\nThe specified network name is no longer available.\n\nSystem error 53 has occurred.\n\nThe network path was not found.\n"
    )
    #expect(try NetUseImporter.read(text).facts["net.error"] == .number(64))
  }

  @Test func badNumberNamesLineAndColumn() throws {
    let text = try EvidenceText("C:\\>net use \\\\h\\ipc$\nSystem error 5x3 has occurred.\n")
    #expect {
      try NetUseImporter.read(text)
    } throws: { error in
      let error = error as? EvidenceError
      return error?.line == 2 && error?.column == 1 && error?.reason == .garbled
    }
  }

  @Test func lineCutInsideTheErrorIsTruncated() throws {
    let text = try EvidenceText("C:\\>net use \\\\h\\ipc$\nSystem error 53 has occ")
    #expect {
      try NetUseImporter.read(text)
    } throws: { error in
      (error as? EvidenceError)?.reason == .truncated && (error as? EvidenceError)?.line == 2
    }
  }

  @Test func nothingToReadIsAnError() throws {
    #expect {
      try NetUseImporter.read(EvidenceText("just some words\nand more words\n"))
    } throws: { error in
      (error as? EvidenceError)?.reason == .unrecognised
    }
  }

  @Test(arguments: ImporterChecks.names(.netUse)) func detected(_ name: String) throws {
    try Fixtures.checkDetection(.netUse, name, importer: NetUseImporter.self)
  }

  @Test(arguments: ImporterChecks.names(.netUse)) func utf16AndCRLFReadTheSame(
    _ name: String
  ) throws {
    try Fixtures.checkEncodings(.netUse, name)
  }

  @Test(arguments: ImporterChecks.names(.netUse)) func robustness(_ name: String) throws {
    let bytes = try Fixtures.bytes(.netUse, name)
    try Fixtures.checkRobustness(bytes, importer: NetUseImporter.self, seed: 0x53) { evidence in
      !(Fixtures.value(evidence, "errors")?.arrayValue ?? []).isEmpty
        || Fixtures.value(evidence, "successes")?.intValue ?? 0 > 0
    }
  }

  @Test func doesNotClaimOtherOutputs() throws {
    for sample in Fixtures.otherKinds {
      try Fixtures.expectNoClaim(NetUseImporter.self, sample)
    }
  }
}
