import EmbeddedKnowledgeBase
import Foundation
import Testing

@testable import TriageKit

/// The compact form of the compiled knowledge base: every stored property of the model is in it,
/// numbers come back bit for bit, and damaged text is an error, never a crash.
@Suite struct CompactCodableTests {
  /// The number of stored properties of `value` (what `Mirror` lists).
  private static func storedProperties(_ value: Any) -> Int {
    Mirror(reflecting: value).children.count
  }

  private static func expectAllFields<Value: CompactCodable>(
    _ value: Value, leaving excluded: Int = 0,
    sourceLocation: Testing.SourceLocation = #_sourceLocation
  ) {
    #expect(
      Value.compactFieldCount == storedProperties(value) - excluded,
      "\(Value.self) has a stored property its compact form leaves out",
      sourceLocation: sourceLocation)
  }

  @Test func everyStoredPropertyOfTheModelIsWritten() throws {
    let knowledgeBase = try EmbeddedKnowledgeBase.knowledgeBase()
    // The vocabulary (the binary's own) and the index cache are not part of the model.
    Self.expectAllFields(knowledgeBase, leaving: 2)
    Self.expectAllFields(knowledgeBase.identity)
    Self.expectAllFields(knowledgeBase.startLocation)
    var seen: Set<String> = []
    func once(_ kind: String) -> Bool { seen.insert(kind).inserted }
    for node in knowledgeBase.nodes.values {
      switch node {
      case .question(let question):
        if once("question") { Self.expectAllFields(question) }
        if let choice = question.choices.first, once("choice") { Self.expectAllFields(choice) }
        if let rule = question.inferences.first, once("inference") { Self.expectAllFields(rule) }
        if let condition = question.askWhen, once("written") { Self.expectAllFields(condition) }
        if once("route") { Self.expectAllFields(question.unknown) }
        if let entry = question.choices.flatMap(\.support.entries).first, once("entry") {
          Self.expectAllFields(entry)
          Self.expectAllFields(Support([entry]))
        }
      case .decision(let decision):
        if once("decision") { Self.expectAllFields(decision) }
        if let branch = decision.branches.first, once("branch") { Self.expectAllFields(branch) }
      case .conclusion(let conclusion):
        if once("conclusion") { Self.expectAllFields(conclusion) }
        if let link = conclusion.causes.first, once("link") { Self.expectAllFields(link) }
      case .probe(let probe):
        if once("probe") { Self.expectAllFields(probe) }
      }
    }
    for cause in knowledgeBase.causes.values where once("cause") { Self.expectAllFields(cause) }
    for step in knowledgeBase.steps.values where once("step") { Self.expectAllFields(step) }
    for reference in knowledgeBase.references.values where once("reference") {
      Self.expectAllFields(reference)
    }
    for computed in knowledgeBase.computed where once("computed") {
      Self.expectAllFields(computed)
    }
    #expect(seen.count == 15, "every kind of model value was checked: \(seen.sorted())")
  }

  @Test func numbersComeBackBitForBit() throws {
    let values: [Double] = [
      0, -0.0, 1, -1, 0.1, 0.8, -0.25, 600, 1e15, -1e300, 0x1p52, 0x1p53, .infinity, -.infinity,
      .leastNonzeroMagnitude, .greatestFiniteMagnitude, .nan,
    ]
    var writer = CompactWriter()
    for value in values { value.write(to: &writer) }
    Int.min.write(to: &writer)
    Int.max.write(to: &writer)
    var text = writer.finished(format: "test")
    try text.withUTF8 { bytes in
      var reader = try CompactReader(bytes, from: 5)
      for value in values {
        let read = try reader.readDouble()
        #expect(read.bitPattern == value.bitPattern, "\(value)")
      }
      #expect(try reader.readInt() == Int.min)
      #expect(try reader.readInt() == Int.max)
      #expect(reader.atEnd)
    }
    #expect(text.utf8.allSatisfy { $0 >= 0x20 && $0 < 0x80 || $0 == 0x0A }, "printable ASCII")
  }

  @Test func damagedTextIsAnErrorNeverACrash() throws {
    let text = try CompiledKnowledgeBase.encode(try TestKnowledgeBase.load())
    let bytes = Array(text.utf8)
    // Every cut, and a byte changed at many places.
    for length in stride(from: 0, to: bytes.count, by: max(1, bytes.count / 400)) {
      let cut = String(decoding: bytes[..<length], as: UTF8.self)
      #expect(throws: TriageError.self) { try CompiledKnowledgeBase.decode(cut) }
    }
    var generator = SplitMix64(seed: 15)
    for _ in 0..<400 {
      var damaged = bytes
      let offset = Int(generator.next() % UInt64(bytes.count))
      damaged[offset] = UInt8(0x20 + generator.next() % 0x5F)
      // A changed byte may still read as a model (a different string or number); it must not crash.
      _ = try? CompiledKnowledgeBase.decode(String(decoding: damaged, as: UTF8.self))
    }
    #expect(throws: TriageError.self) { try CompiledKnowledgeBase.decode(text + "@") }
  }

  @Test func deepNestingIsAnErrorNotAStackOverflow() throws {
    // An empty string table ("@"), then `not` (tag 6, "F") a hundred thousand times.
    var text = "@" + String(repeating: "F", count: 100_000)
    let failed = text.withUTF8 { bytes -> Bool in
      var reader: CompactReader
      do { reader = try CompactReader(bytes, from: 0) } catch { return false }
      do throws(CompactReader.Failure) { _ = try Condition(compact: &reader) } catch {
        return error.message == "nested too deeply"
      }
      return false
    }
    #expect(failed, "the reader stops at its nesting limit")
  }
}
