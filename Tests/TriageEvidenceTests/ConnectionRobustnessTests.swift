import Testing
import TriageKit

@testable import TriageEvidence

/// Whatever the input, the connection importers return evidence with connections in it or an
/// `EvidenceError`; they never crash and never return an empty table.
@Suite struct ConnectionRobustnessTests {
  /// Reads `bytes` with auto-detection and checks the outcome is evidence with connections or an
  /// evidence error.
  private func checkOutcome(_ bytes: [UInt8], _ what: String) {
    do {
      let text = try EvidenceText(bytes: bytes, source: what)
      let evidence = try EvidenceImporters.read(text)
      let connections = evidence[field: "connections"]?.intValue ?? 0
      #expect(connections > 0, "\(what) gave evidence without connections")
    } catch {
      // A typed EvidenceError: refusing is a valid outcome.
      #expect(!error.message.isEmpty, "\(what)")
    }
  }

  @Test(arguments: ConnectionFixture.all)
  func truncationsAtRandomOffsets(_ fixture: ConnectionFixture) throws {
    let bytes = try fixture.bytes
    var generator = SeededRandom(seed: 0x5EED_0000 &+ UInt64(bytes.count))
    for _ in 0..<60 {
      let cut = Int.random(in: 0...bytes.count, using: &generator)
      checkOutcome(Array(bytes[..<cut]), "\(fixture.name) cut at \(cut)")
    }
  }

  @Test(arguments: ConnectionFixture.all)
  func truncationsKeepTheRowsBeforeTheCut(_ fixture: ConnectionFixture) throws {
    let bytes = try fixture.bytes
    let full = try fixture.read()
    let total = full[field: "connections"]?.intValue ?? 0
    var generator = SeededRandom(seed: 0xC0FFEE &+ UInt64(bytes.count))
    for _ in 0..<20 {
      let cut = Int.random(in: 0...bytes.count, using: &generator)
      guard let text = try? EvidenceText(bytes: Array(bytes[..<cut]), source: "cut"),
        let evidence = try? fixture.importer.read(text)
      else { continue }
      #expect((evidence[field: "connections"]?.intValue ?? 0) <= total)
    }
  }

  @Test func randomBytes() {
    var generator = SeededRandom(seed: 42)
    for round in 0..<200 {
      let count = Int.random(in: 0...600, using: &generator)
      let alphabet: [UInt8] = Array(" \t\r\n:.*[]%0123456789TCPUDtcpudLISTENESTABSYN_-".utf8)
      let bytes = (0..<count).map { _ in
        round.isMultiple(of: 2)
          ? UInt8.random(in: 0...255, using: &generator)
          : alphabet[Int.random(in: 0..<alphabet.count, using: &generator)]
      }
      checkOutcome(bytes, "random round \(round)")
      for importer in ConnectionFixture.importers {
        guard let text = try? EvidenceText(bytes: bytes, source: "random") else { continue }
        if let evidence = try? importer.read(text) {
          #expect((evidence[field: "connections"]?.intValue ?? 0) > 0)
        }
      }
    }
  }

  @Test func concatenationsOfDifferentFormats() throws {
    let fixtures = ConnectionFixture.all
    for first in fixtures {
      for second in fixtures where second.importerName != first.importerName {
        checkOutcome(try first.bytes + second.bytes, "\(first.name) + \(second.name)")
      }
    }
  }

  @Test(arguments: ConnectionFixture.all)
  func utf16AndCRLFVariantsGiveTheSameFigures(_ fixture: ConnectionFixture) throws {
    let original = try fixture.read()
    let string = String(decoding: try fixture.bytes, as: UTF8.self)
    let crlf = Array(string.replacingOccurrences(of: "\n", with: "\r\n").utf8)
    let viaCRLF = try fixture.importer.read(try EvidenceText(bytes: crlf, source: "crlf"))
    #expect(viaCRLF == original)
    let utf16: [UInt8] =
      [0xFF, 0xFE]
      + string.replacingOccurrences(of: "\n", with: "\r\n").utf16.flatMap {
        [UInt8($0 & 0xFF), UInt8($0 >> 8)]
      }
    let text = try EvidenceText(bytes: utf16, source: "utf16")
    #expect(text.encoding == .utf16LE)
    let viaUTF16 = try EvidenceImporters.read(text)
    #expect(viaUTF16 == original)
    #expect(viaUTF16.figures == original.figures)
  }
}
