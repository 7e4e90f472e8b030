import Testing

@testable import TriageEvidence

@Suite struct PasteMarkerTests {
  /// The byte test, one position at a time, as the scan was before it read eight bytes at once.
  static func reference(_ bytes: [UInt8]) -> Bool {
    var index = 0
    while index + 2 < bytes.count {
      let (a, b, c) = (bytes[index], bytes[index + 1] | 0x20, bytes[index + 2] | 0x20)
      switch a {
      case 0x2E where bytes[index + 1] == 0x2E: return true
      case 0xE2 where bytes[index + 1] == 0x80 && bytes[index + 2] == 0xA6: return true
      case 0x53, 0x73: if b == 0x6E, c == 0x69 { return true }
      case 0x54, 0x74: if b == 0x72, c == 0x75 { return true }
      case 0x4F, 0x6F: if b == 0x6D, c == 0x69 { return true }
      case 0x4D, 0x6D: if b == 0x6F, c == 0x72 { return true }
      default: break
      }
      index += 1
    }
    return false
  }

  @Test(arguments: ["..", "\u{2026}", "snip", "TRUNC", "omit", "More", "Sn", "tr", "om", "mo"])
  func findsEveryPairAtEveryOffsetAndLength(_ pair: String) {
    let filler = Array("tcp 10.0.0.5:445 ESTABLISHED ".utf8)
    for length in 0..<40 {
      for offset in 0...length {
        var bytes = Array(filler.prefix(length))
        while bytes.count < length { bytes.append(0x20) }
        bytes.insert(contentsOf: Array(pair.utf8), at: offset)
        #expect(
          PasteMarker.mayContainMarker(bytes) == Self.reference(bytes),
          "'\(pair)' at \(offset) of \(length)")
      }
    }
  }

  @Test func cleanTableHasNoMarker() {
    var table: [UInt8] = []
    for row in 0..<500 {
      table += Array(
        "tcp        0      0 10.0.0.5:\(1024 + row)   10.0.1.\(row % 250):445  TIME_WAIT\n".utf8)
    }
    #expect(!PasteMarker.mayContainMarker(table))
    #expect(!Self.reference(table))
    table += Array("[... 1200 more lines ...]\n".utf8)
    #expect(PasteMarker.mayContainMarker(table))
  }

  @Test func randomBytesAgreeWithTheByteTest() {
    var state: UInt64 = 0x9E37_79B9_7F4A_7C15
    let alphabet = Array(".sSnNtTrRoOmMiIuU \u{E2}\u{80}\u{A6}x1:".utf8)
    for _ in 0..<2000 {
      var bytes: [UInt8] = []
      for _ in 0..<(Int(state % 40)) {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        bytes.append(alphabet[Int(state >> 33) % alphabet.count])
      }
      state = state &* 6_364_136_223_846_793_005 &+ 1
      #expect(PasteMarker.mayContainMarker(bytes) == Self.reference(bytes), "\(bytes)")
    }
  }
}
