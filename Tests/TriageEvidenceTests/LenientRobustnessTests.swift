import Foundation
import Testing
import TriageKit

@testable import TriageEvidence

/// Lenient reading never crashes, never hangs and never returns empty evidence: every real paste,
/// cut at seeded points, with seeded bytes flipped and pasted twice, gives evidence with facts or an
/// error with a lowercase message.
@Suite struct LenientRobustnessTests {
  /// A small deterministic generator (SplitMix64), so a failure replays.
  struct Seeded {
    var state: UInt64
    mutating func next(_ bound: Int) -> Int {
      state &+= 0x9E37_79B9_7F4A_7C15
      var z = state
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return Int((z ^ (z >> 31)) % UInt64(max(bound, 1)))
    }
  }

  static func variants(of bytes: [UInt8], seed: UInt64) -> [[UInt8]] {
    var random = Seeded(state: seed)
    var result: [[UInt8]] = [bytes + bytes]
    for _ in 0..<6 { result.append(Array(bytes.prefix(random.next(bytes.count + 1)))) }
    for _ in 0..<6 {
      var flipped = bytes
      for _ in 0..<4 where !flipped.isEmpty {
        flipped[random.next(flipped.count)] = UInt8(random.next(256))
      }
      result.append(flipped)
    }
    return result
  }

  @Test(arguments: LenientPasteTests.expectations.map(\.file))
  func messyVariantsGiveFactsOrAnError(_ file: String) throws {
    let bytes = Array(try Data(contentsOf: LenientPasteTests.fixtures.appendingPathComponent(file)))
    for (index, variant) in Self.variants(of: bytes, seed: UInt64(bytes.count)).enumerated() {
      do {
        let evidence = try EvidenceImporters.read(
          try EvidenceText(bytes: variant, source: "\(file) #\(index)"))
        // Settings and limits without a connection limit among them say so in a figure.
        let said = !evidence.facts.isEmpty || [.sysctl, .ulimit].contains(evidence.kind)
        #expect(
          said && !evidence.figures.isEmpty, "\(file) variant \(index) read as empty evidence")
        #expect(evidence.skipped.allSatisfy { !$0.reason.isEmpty })
      } catch {
        #expect(error.message.first?.isLowercase == true, "\(file) #\(index): '\(error.message)'")
      }
    }
  }
}
