import Foundation
import Testing
import TriageKit

@testable import TriageEvidence

/// Fixtures of real Windows outputs (Fixtures/<kind>/, sources in each SOURCES.md) and the checks
/// every Windows importer's suite runs on them.
enum WindowsEvidenceFixtures {
  static let directory = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures")

  /// The fixture files of a kind, sorted.
  static func names(_ kind: EvidenceKind) -> [String] {
    let folder = directory.appendingPathComponent(kind.rawValue).path
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
    return names.filter { $0.hasSuffix(".txt") }.sorted()
  }

  static func bytes(_ kind: EvidenceKind, _ name: String) throws -> [UInt8] {
    Array(
      try Data(
        contentsOf: directory.appendingPathComponent(kind.rawValue).appendingPathComponent(name)))
  }

  /// Reads a fixture through the registry with its kind named, as `nettriage parse KIND` does.
  static func read(_ kind: EvidenceKind, _ name: String) throws -> Evidence {
    let text = try EvidenceText(bytes: try bytes(kind, name), source: name)
    return try EvidenceImporters.read(text, as: kind)
  }

  /// The same text as UTF-16 LE with a BOM and CRLF line ends, as Windows PowerShell's `>` writes.
  static func utf16LEWithBOMAndCRLF(_ bytes: [UInt8]) -> [UInt8] {
    var text = String(decoding: bytes, as: UTF8.self)
    text = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(
      of: "\n", with: "\r\n")
    return [0xFF, 0xFE] + text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
  }

  /// Reading `bytes` gives evidence that is not empty (by `isFilled`) or an error; it never crashes
  /// and never returns an empty result.
  static func expectEvidenceOrError(
    _ bytes: [UInt8], importer: any EvidenceImporter.Type, isFilled: (Evidence) -> Bool,
    _ what: String
  ) {
    do {
      let text = try EvidenceText(bytes: bytes, source: what)
      let evidence = try importer.read(text)
      #expect(isFilled(evidence), "empty evidence from \(what)")
      #expect(evidence.kind == importer.kind)
    } catch {
      #expect(error.message.first?.isLowercase == true, "message '\(error.message)' from \(what)")
    }
  }

  /// Seeded truncations, byte flips, random bytes and concatenations of a fixture.
  static func checkRobustness(
    _ bytes: [UInt8], importer: any EvidenceImporter.Type, seed: UInt64,
    isFilled: (Evidence) -> Bool
  ) {
    var random = Random(seed: seed)
    for _ in 0..<40 {
      let cut = Int.random(in: 0...bytes.count, using: &random)
      expectEvidenceOrError(
        Array(bytes.prefix(cut)), importer: importer, isFilled: isFilled, "cut at \(cut)")
    }
    for _ in 0..<20 {
      var flipped = bytes
      for _ in 0..<Int.random(in: 1...8, using: &random) where !flipped.isEmpty {
        flipped[Int.random(in: 0..<flipped.count, using: &random)] = UInt8.random(
          in: 0...255, using: &random)
      }
      expectEvidenceOrError(flipped, importer: importer, isFilled: isFilled, "flipped bytes")
    }
    for _ in 0..<10 {
      let noise = (0..<Int.random(in: 0...600, using: &random)).map { _ in
        UInt8.random(in: 0...255, using: &random)
      }
      expectEvidenceOrError(noise, importer: importer, isFilled: isFilled, "random bytes")
      let lines = noise.map { $0 % 3 == 0 ? 10 : 32 + $0 % 95 }
      expectEvidenceOrError(lines, importer: importer, isFilled: isFilled, "random text")
    }
    expectEvidenceOrError(bytes + bytes, importer: importer, isFilled: isFilled, "twice")
    expectEvidenceOrError(
      bytes + [10] + bytes.reversed(), importer: importer, isFilled: isFilled, "with its reverse")
  }

  /// Every example of `importer` gives its facts, and detection picks `importer` for it.
  static func checkExamples(_ importer: any EvidenceImporter.Type) throws {
    #expect(importer.examples.count >= 3)
    for example in importer.examples {
      let text = try EvidenceText(example.input, source: example.name)
      let evidence = try importer.read(text)
      for (name, value) in example.facts {
        #expect(evidence.facts[name] == value, "\(example.name): \(name)")
      }
      #expect(!evidence.figures.isEmpty, "\(example.name): no figures")
      let detected = EvidenceImporters.detect(text).map { ObjectIdentifier($0.importer) }
      #expect(detected == ObjectIdentifier(importer), "\(example.name): detected another kind")
    }
  }

  /// Auto-detection picks `importer` for the fixture, and reading it as 'auto' gives the same.
  static func checkDetection(
    _ kind: EvidenceKind, _ name: String, importer: any EvidenceImporter.Type
  ) throws {
    let text = try EvidenceText(bytes: try bytes(kind, name), source: name)
    let detected = EvidenceImporters.detect(text)
    #expect(detected.map { ObjectIdentifier($0.importer) } == ObjectIdentifier(importer))
    #expect(try EvidenceImporters.read(text) == EvidenceImporters.read(text, as: kind))
  }

  /// The UTF-16 LE + BOM + CRLF variant of a fixture reads the same.
  static func checkEncodings(_ kind: EvidenceKind, _ name: String) throws {
    let bytes = try bytes(kind, name)
    let plain = try EvidenceImporters.read(try EvidenceText(bytes: bytes, source: name), as: kind)
    let wide = try EvidenceText(bytes: utf16LEWithBOMAndCRLF(bytes), source: name)
    #expect(wide.encoding == .utf16LE)
    #expect(try EvidenceImporters.read(wide, as: kind) == plain)
  }

  /// Typical outputs of the kinds other importers read: the Windows importers must not claim them.
  static let otherKinds: [String] = [
    """
    Active Connections

      Proto  Local Address          Foreign Address        State           PID
      TCP    0.0.0.0:135            0.0.0.0:0              LISTENING       916
      TCP    10.0.0.5:49712         10.0.3.17:445          SYN_SENT        4
    """,
    """
    State    Recv-Q Send-Q Local Address:Port  Peer Address:Port
    ESTAB    0      0      10.0.0.5:22         10.0.0.9:51234
    SYN-SENT 0      1      10.0.0.5:40000      10.0.3.17:445
    """,
    """
    LocalAddress   : 10.0.0.5
    LocalPort      : 49712
    RemoteAddress  : 10.0.3.17
    RemotePort     : 445
    State          : SynSent
    AppliedSetting : Internet
    OwningProcess  : 4
    """,
    """
    Event[0]:
      Log Name: System
      Source: Tcpip
      Date: 2024-03-11T09:14:02.000
      Event ID: 4226
      Level: Warning
      Description:
      TCP/IP has reached the security limit imposed on the number of concurrent TCP connect attempts.
    """,
    """
    #Software: Microsoft ISA Server 2006
    #Version: 1.0
    #Fields: computer date time IP protocol source destination action status
    ISA01 2024-03-11 09:14:02 TCP 10.0.0.5:49712 10.0.3.17:445 Denied 0xc0040037
    """,
  ]

  /// A field of the evidence JSON, or a member of it: `value(evidence, "adapters")`.
  static func value(_ evidence: Evidence, _ key: String) -> JSONValue? { evidence.json[key] }

  /// The Bool of a JSON value.
  static func bool(_ value: JSONValue?) -> Bool? {
    if case .bool(let flag) = value { return flag }
    return nil
  }

  /// SplitMix64: the same numbers on every run, so a failure can be replayed.
  struct Random: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
      state &+= 0x9E37_79B9_7F4A_7C15
      var value = state
      value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
      value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
      return value ^ (value >> 31)
    }
  }
}
