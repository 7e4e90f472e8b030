import Foundation
import Testing
import TriageKit

@testable import TriageEvidence

/// Fixtures and checks shared by the event-log and ISA/TMG importer suites.
enum LogImporterChecks {
  /// The bytes of `Fixtures/<path>`.
  static func fixture(_ path: String) throws -> [UInt8] {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent("Fixtures").appendingPathComponent(path)
    return Array(try Data(contentsOf: url))
  }

  /// `Fixtures/<path>` read as evidence text.
  static func text(_ path: String) throws -> EvidenceText {
    try EvidenceText(bytes: try fixture(path), source: path)
  }

  /// `string` as UTF-16 LE with a BOM, as Windows PowerShell's `>` and `wevtutil` write it.
  static func utf16LE(_ bytes: [UInt8]) -> [UInt8] {
    [0xFF, 0xFE]
      + String(decoding: bytes, as: UTF8.self).utf16.flatMap {
        [UInt8($0 & 0xFF), UInt8($0 >> 8)]
      }
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

  /// Reads `bytes` with `importer`: evidence that is never empty, or an error naming a line or
  /// saying why — never a crash.
  @discardableResult
  static func readsOrRefuses(_ importer: any EvidenceImporter.Type, _ bytes: [UInt8]) -> Bool {
    do {
      let text = try EvidenceText(bytes: bytes, source: "mutated")
      let evidence = try importer.read(text)
      #expect(count(evidence) > 0, "an empty result from \(importer)")
      return true
    } catch {
      #expect(!error.message.isEmpty)
      return false
    }
  }

  /// Seeded mutations of `bytes`: truncations, random bytes, deleted and doubled lines, and the
  /// input twice (which must count twice as many events or records).
  static func robustness(_ importer: any EvidenceImporter.Type, _ bytes: [UInt8], seed: UInt64)
    throws
  {
    var random = SeededRandom(seed: seed)
    for _ in 0..<40 {
      let cut = Int(random.next() % UInt64(max(bytes.count, 1)))
      readsOrRefuses(importer, Array(bytes.prefix(cut)))
    }
    for _ in 0..<20 {
      var noisy = bytes
      for _ in 0..<(1 + Int(random.next() % 8)) where !noisy.isEmpty {
        noisy[Int(random.next() % UInt64(noisy.count))] = UInt8(truncatingIfNeeded: random.next())
      }
      readsOrRefuses(importer, noisy)
    }
    for _ in 0..<20 {
      let garbage = (0..<Int(random.next() % 400)).map { _ in
        UInt8(truncatingIfNeeded: random.next())
      }
      readsOrRefuses(importer, garbage)
    }
    let lines = bytes.split(separator: 10, omittingEmptySubsequences: false)
    for _ in 0..<20 where lines.count > 2 {
      var shuffled = lines
      let index = Int(random.next() % UInt64(lines.count))
      if random.next() % 2 == 0 {
        shuffled.remove(at: index)
      } else {
        shuffled.insert(lines[index], at: index)
      }
      readsOrRefuses(importer, Array(shuffled.joined(separator: [10])))
    }
    let once = try importer.read(try EvidenceText(bytes: bytes, source: "once"))
    var twice = bytes
    if twice.last != 10 { twice.append(10) }
    twice += bytes
    let doubled = try importer.read(try EvidenceText(bytes: twice, source: "twice"))
    #expect(count(doubled) == 2 * count(once))
  }

  /// The same evidence from the UTF-8 bytes and from UTF-16 LE with a BOM.
  static func sameInUTF16(_ importer: any EvidenceImporter.Type, _ bytes: [UInt8]) throws {
    let plain = try importer.read(try EvidenceText(bytes: bytes, source: "x"))
    let wide = try importer.read(try EvidenceText(bytes: utf16LE(bytes), source: "x"))
    #expect(plain == wide)
  }

  /// The error `read` throws for `input`.
  static func error(_ importer: any EvidenceImporter.Type, _ input: String) -> EvidenceError? {
    do {
      _ = try importer.read(try EvidenceText(input))
      return nil
    } catch {
      return error
    }
  }
}

/// SplitMix64: a small seeded generator, so failures replay.
struct SeededRandom {
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
