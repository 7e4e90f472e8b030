import Foundation
import Testing
import TriageKit

@testable import TriageEvidence

/// The checks every importer's suite runs, in one family: fixtures (through ``EvidenceFixture``),
/// encodings, robustness under seeded mutations, errors, and one bar for not claiming another
/// kind's output.
enum ImporterChecks {
  /// The highest score an importer may give output of another kind (the generic registry test
  /// holds every fixture to it too).
  static let otherKindCeiling = 50

  // MARK: - Fixtures

  /// The bytes of `Fixtures/<path>` (`folder/name`).
  static func fixture(_ path: String) throws -> [UInt8] {
    try EvidenceFixture(path).bytes
  }

  /// `Fixtures/<path>` read as evidence text.
  static func text(_ path: String) throws -> EvidenceText {
    try EvidenceFixture(path).text(source: path)
  }

  /// The fixture names of a kind's folder, sorted.
  static func names(_ kind: EvidenceKind) -> [String] {
    EvidenceFixture.files(in: kind.rawValue).map(\.name)
  }

  /// The bytes of a fixture of a kind's folder.
  static func bytes(_ kind: EvidenceKind, _ name: String) throws -> [UInt8] {
    try EvidenceFixture(folder: kind.rawValue, name: name).bytes
  }

  /// Reads a fixture through the registry with its kind named, as `nettriage parse KIND` does.
  static func read(_ kind: EvidenceKind, _ name: String) throws -> Evidence {
    let text = try EvidenceText(bytes: try bytes(kind, name), source: name)
    return try EvidenceImporters.read(text, as: kind)
  }

  // MARK: - Evidence

  /// A field of the evidence JSON.
  static func value(_ evidence: Evidence, _ key: String) -> JSONValue? { evidence.json[key] }

  /// The Bool of a JSON value.
  static func bool(_ value: JSONValue?) -> Bool? {
    if case .bool(let flag) = value { return flag }
    return nil
  }

  /// The number of events or records the evidence holds (its `event.count` or `isa.records`).
  static func count(_ evidence: Evidence) -> Int {
    let fact = evidence.facts["event.count"] ?? evidence.facts["isa.records"]
    if case .number(let value) = fact { return Int(value) }
    return 0
  }

  /// Whether every fact of `expected` is in `evidence` with that value.
  static func hasFacts(_ evidence: Evidence, _ expected: [String: FactValue]) -> Bool {
    expected.allSatisfy { evidence.facts[$0.key] == $0.value }
  }

  /// The error `read` throws for `input`, or `nil` when it reads.
  static func error(_ importer: any EvidenceImporter.Type, _ input: String) -> EvidenceError? {
    do {
      _ = try importer.read(try EvidenceText(input, source: "test"))
      return nil
    } catch {
      return error
    }
  }

  // MARK: - Encodings

  /// `bytes` as UTF-16 LE with a BOM, as Windows PowerShell's `>` and `wevtutil` write it; with
  /// `crlf`, every line end made CRLF too.
  static func utf16LE(_ bytes: [UInt8], crlf: Bool = false) -> [UInt8] {
    var text = String(decoding: bytes, as: UTF8.self)
    if crlf {
      text = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(
        of: "\n", with: "\r\n")
    }
    return [0xFF, 0xFE] + text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
  }

  /// The same evidence from the UTF-8 bytes and from UTF-16 LE with a BOM.
  static func sameInUTF16(_ importer: any EvidenceImporter.Type, _ bytes: [UInt8]) throws {
    let plain = try importer.read(try EvidenceText(bytes: bytes, source: "x"))
    let wide = try importer.read(try EvidenceText(bytes: utf16LE(bytes), source: "x"))
    #expect(plain == wide)
  }

  /// A fixture of a kind reads the same through the registry as UTF-16 LE with a BOM and CRLF.
  static func checkEncodings(_ kind: EvidenceKind, _ name: String) throws {
    let bytes = try bytes(kind, name)
    let plain = try EvidenceImporters.read(try EvidenceText(bytes: bytes, source: name), as: kind)
    let wide = try EvidenceText(bytes: utf16LE(bytes, crlf: true), source: name)
    #expect(wide.encoding == .utf16LE)
    #expect(try EvidenceImporters.read(wide, as: kind) == plain)
  }

  // MARK: - Detection

  /// Auto-detection picks `importer` for the fixture, and reading it as 'auto' gives the same.
  static func checkDetection(
    _ kind: EvidenceKind, _ name: String, importer: any EvidenceImporter.Type
  ) throws {
    let text = try EvidenceText(bytes: try bytes(kind, name), source: name)
    let detected = EvidenceImporters.detect(text)
    #expect(detected.map { ObjectIdentifier($0.importer) } == ObjectIdentifier(importer))
    #expect(try EvidenceImporters.read(text) == EvidenceImporters.read(text, as: kind))
  }

  /// `importer` does not claim `input`, another kind's output.
  static func expectNoClaim(
    _ importer: any EvidenceImporter.Type, _ input: String,
    sourceLocation: Testing.SourceLocation = #_sourceLocation
  ) throws {
    let score = importer.recognition(of: try EvidenceText(input))
    #expect(
      score < otherKindCeiling, "\(importer) scores \(score) on another kind's output",
      sourceLocation: sourceLocation)
  }

  /// Typical outputs of other kinds, for ``expectNoClaim(_:_:sourceLocation:)``.
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

  // MARK: - Robustness

  /// Reading `bytes` gives evidence that is not empty (by `isFilled`) or an error with a lowercase
  /// message; it never crashes and never returns an empty result.
  static func expectEvidenceOrError(
    _ bytes: [UInt8], importer: any EvidenceImporter.Type, isFilled: (Evidence) -> Bool,
    _ what: String
  ) {
    do {
      let text = try EvidenceText(bytes: bytes, source: what)
      let evidence = try importer.read(text)
      #expect(isFilled(evidence), "empty evidence from \(importer), \(what)")
      #expect(evidence.kind == importer.kind)
    } catch {
      // Lowercase, though it may begin with a quoted value: `'</Event>' closes nothing`.
      var words = Substring(error.message)
      if words.hasPrefix("'"), let close = words.dropFirst().firstIndex(of: "'") {
        words = words[words.index(after: close)...]
      }
      let first = words.first { $0.isLetter }
      #expect(first?.isLowercase == true, "message '\(error.message)' from \(what)")
    }
  }

  /// Seeded truncations, byte flips, random bytes and text, deleted and doubled lines, and the
  /// input twice and with its reverse. With `count`, the input twice must count twice as much.
  static func checkRobustness(
    _ bytes: [UInt8], importer: any EvidenceImporter.Type, seed: UInt64,
    isFilled: (Evidence) -> Bool, count: ((Evidence) -> Int)? = nil
  ) throws {
    var random = SeededRandom(seed: seed)
    func check(_ mutated: [UInt8], _ what: String) {
      expectEvidenceOrError(mutated, importer: importer, isFilled: isFilled, what)
    }
    for _ in 0..<40 {
      let cut = Int.random(in: 0...bytes.count, using: &random)
      check(Array(bytes.prefix(cut)), "cut at \(cut)")
    }
    for _ in 0..<20 {
      var flipped = bytes
      for _ in 0..<Int.random(in: 1...8, using: &random) where !flipped.isEmpty {
        flipped[Int.random(in: 0..<flipped.count, using: &random)] = UInt8.random(
          in: 0...255, using: &random)
      }
      check(flipped, "flipped bytes")
    }
    for _ in 0..<10 {
      let noise = (0..<Int.random(in: 0...600, using: &random)).map { _ in
        UInt8.random(in: 0...255, using: &random)
      }
      check(noise, "random bytes")
      check(noise.map { $0 % 3 == 0 ? 10 : 32 + $0 % 95 }, "random text")
    }
    let lines = bytes.split(separator: 10, omittingEmptySubsequences: false)
    for _ in 0..<20 where lines.count > 2 {
      var changed = lines
      let index = Int.random(in: 0..<lines.count, using: &random)
      if Bool.random(using: &random) {
        changed.remove(at: index)
      } else {
        changed.insert(lines[index], at: index)
      }
      check(Array(changed.joined(separator: [10])), "a line deleted or doubled")
    }
    check(bytes + [10] + bytes.reversed(), "with its reverse")
    var twice = bytes
    if twice.last != 10 { twice.append(10) }
    twice += bytes
    check(twice, "twice")
    if let count {
      let once = try importer.read(try EvidenceText(bytes: bytes, source: "once"))
      let doubled = try importer.read(try EvidenceText(bytes: twice, source: "twice"))
      #expect(count(doubled) == 2 * count(once), "\(importer): the input twice")
    }
  }

  /// ``checkRobustness(_:importer:seed:isFilled:count:)`` for the event-log and ISA/TMG
  /// importers: filled means at least one event or record, and twice the input counts twice.
  static func robustness(_ importer: any EvidenceImporter.Type, _ bytes: [UInt8], seed: UInt64)
    throws
  {
    try checkRobustness(
      bytes, importer: importer, seed: seed, isFilled: { count($0) > 0 }, count: count)
  }
}

/// SplitMix64: the same numbers on every run, so a failure can be replayed.
struct SeededRandom: RandomNumberGenerator {
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
