import Foundation
import Testing
import TriageKit
import TriageProbes

@testable import TriageCLI

#if canImport(Glibc)
  import Glibc
#endif

/// `probe … --save FILE` appends one JSON line a result; a full or failing disk leaves the file's
/// earlier results whole and says why.
@Suite struct ProbeOutputSaveTests {
  @Test(arguments: [SystemWrite.Call.create, .write, .sync], [ENOSPC, EIO])
  func aResultThatCannotBeSavedLeavesTheEarlierOnesWhole(call: SystemWrite.Call, code: Int32)
    throws
  {
    let folder = try TemporaryDirectory()
    let path = folder.path("probes.jsonl")
    try ProbeOutputOptions.save(ProbeResult(probe: "dns", status: .failed("no server")), to: path)
    let before = try folder.read("probes.jsonl")
    #expect(before.hasSuffix("\n") && before.split(separator: "\n").count == 1)
    SystemWrite.$injection.withValue(SystemWrite.Injection(call, errno: code)) {
      #expect(throws: TriageError.cannotWrite(path, SystemWrite.reason(code))) {
        try ProbeOutputOptions.save(
          ProbeResult(probe: "limits", status: .notRun("not Linux")), to: path)
      }
    }
    #expect(try folder.read("probes.jsonl") == before)
    try ProbeOutputOptions.save(
      ProbeResult(probe: "limits", status: .notRun("not Linux")), to: path)
    let lines = try folder.read("probes.jsonl").split(separator: "\n")
    #expect(lines.count == 2)
    for line in lines {
      #expect((try? JSONSerialization.jsonObject(with: Data(line.utf8))) != nil)
    }
  }

  @Test func aSymbolicLinkIsNotFollowed() throws {
    let folder = try TemporaryDirectory()
    let target = try folder.write("elsewhere.txt", "keep\n")
    let link = folder.path("probes.jsonl")
    try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: target)
    #expect(
      throws: TriageError.cannotWrite(link, "is a symbolic link; it is never followed")
    ) {
      try ProbeOutputOptions.save(ProbeResult(probe: "dns", status: .failed("x")), to: link)
    }
    #expect(try folder.read("elsewhere.txt") == "keep\n")
  }
}
