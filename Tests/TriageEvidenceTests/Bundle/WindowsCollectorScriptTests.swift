import Foundation
import Testing
import TriageEvidence
import TriageKit

/// contrib/windows/collect.cmd cannot run here; these tests read it and check that what it
/// writes is what the bundle reader expects.
@Suite("Windows collector script")
struct WindowsCollectorScriptTests {
  static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
  static let folder = repository.appendingPathComponent("contrib/windows")

  static func lines(_ name: String) throws -> [String] {
    let text = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
    return text.replacingOccurrences(of: "\r\n", with: "\n").components(separatedBy: "\n")
  }

  /// `call :record NAME KIND …` and `call :entry NAME KIND …`: the manifest entries it writes.
  static func recorded() throws -> [String: String] {
    var kinds: [String: String] = [:]
    for line in try lines("collect.cmd") {
      let words = line.trimmingCharacters(in: .whitespaces).split(separator: " ")
      guard words.count >= 4, words[0].lowercased() == "call",
        words[1] == ":record" || words[1] == ":entry"
      else { continue }
      let name = words[2].trimmingCharacters(in: CharacterSet(charactersIn: "\""))
      // `:record` passes its own arguments on (`call :entry %1 %2 %3`).
      guard !name.hasPrefix("%") else { continue }
      kinds[name] = String(words[3])
    }
    return kinds
  }

  /// Every `"%OUT%\NAME"` the script writes to or tests for.
  static func written() throws -> Set<String> {
    var names: Set<String> = []
    for line in try lines("collect.cmd") {
      var rest = line[...]
      while let range = rest.range(of: "%OUT%\\") {
        let after = rest[range.upperBound...]
        let name = after.prefix { $0 != "\"" && $0 != " " }
        if !name.isEmpty { names.insert(String(name)) }
        rest = after
      }
    }
    return names
  }

  @Test func everyWindowsFileOfTheLayoutIsWrittenAndRecordedWithItsKind() throws {
    let kinds = try Self.recorded()
    let written = try Self.written()
    for file in BundleLayout.windows {
      #expect(kinds[file.name] == file.kind, "\(file.name) in collect.cmd")
      #expect(written.contains(file.name), "\(file.name) is not written by collect.cmd")
    }
    // Nothing is recorded that the layout does not know.
    for (name, kind) in kinds where !name.hasPrefix("nslookup-") {
      #expect(BundleLayout.kind(ofFileNamed: name) == kind, "\(name)")
    }
    #expect(kinds["nslookup-%SAFE%.txt"] == "nslookup")
    #expect(written.contains("nslookup-%SAFE%.txt"))
    #expect(written.contains("manifest.json"))
  }

  @Test func thePowerShellHelperWritesTheFileTheBatchRecords() throws {
    let script = try Self.lines("collect.ps1").joined(separator: "\n")
    #expect(script.contains("'get-nettcpconnection.txt'"))
    #expect(try Self.recorded()["get-nettcpconnection.txt"] == "get-nettcpconnection")
  }

  @Test func theManifestItWritesHasTheSchemaAndKeysTheReaderReads() throws {
    let script = try Self.lines("collect.cmd").joined(separator: "\n")
    #expect(script.contains("\"schema\": \"\(BundleManifest.schema)\""))
    for key in [
      "host", "label", "os", "collected_at", "time_zone", "collector", "targets", "files",
      "skipped",
    ] {
      #expect(script.contains("\"\(key)\": "), "\(key)")
    }
    // The working files that assemble the manifest are removed before the end.
    #expect(script.contains("del \"%FILES%\" \"%SKIPS%\""))
  }

  @Test func theFixtureBundlesHoldOnlyFilesTheScriptWrites() throws {
    let written = try Self.written()
    let fixtures = Self.repository.appendingPathComponent(
      "Tests/TriageEvidenceTests/Fixtures/bundle-windows")
    for bundle in ["port-exhaustion", "healthy-real"] {
      for file in try FileManager.default.contentsOfDirectory(
        atPath: fixtures.appendingPathComponent(bundle).path)
      {
        #expect(
          written.contains(file) || (file.hasPrefix("nslookup-") && file.hasSuffix(".txt")),
          "\(bundle)/\(file)")
      }
    }
  }

  @Test func batchLinesEndInCRLF() throws {
    let data = try Data(contentsOf: Self.folder.appendingPathComponent("collect.cmd"))
    let bytes = [UInt8](data)
    let lf = bytes.filter { $0 == 10 }.count
    let crlf = zip(bytes, bytes.dropFirst()).filter { $0 == 13 && $1 == 10 }.count
    #expect(lf > 0)
    #expect(crlf == lf)
  }
}
