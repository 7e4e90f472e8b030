import Foundation
import Testing
import TriageKit

/// The shipped JSON Schema of `nettriage.report/1` (`docs/schema/`) holds for every report, and
/// `docs/report-json.md` documents every field it names.
@Suite("Report JSON schema")
struct ReportSchemaTests {
  static let schemaURL = Repository.root.appendingPathComponent(
    "docs/schema/nettriage.report-1.schema.json")

  static func schema() throws -> JSONSchemaSubset {
    try JSONSchemaSubset(String(contentsOf: schemaURL, encoding: .utf8))
  }

  @Test func everyScenarioAndCaseReportValidates() throws {
    let schema = try Self.schema()
    for entry in try EveryReport.all.get() {
      let problems = schema.problems(try JSONNode.parse(entry.json))
      #expect(problems.isEmpty, "\(entry.name): \(problems.prefix(5).joined(separator: "; "))")
    }
  }

  /// The validator is not a rubber stamp: a string where a number belongs, a missing field and
  /// an unknown one are each refused.
  @Test func theValidatorRefusesWhatBreaksTheSchema() throws {
    let schema = try Self.schema()
    let entry = try #require(try EveryReport.all.get().first)
    guard case .object(var members) = try JSONNode.parse(entry.json) else {
      Issue.record("a report is not an object")
      return
    }
    #expect(schema.problems(.object(members)).isEmpty)
    var broken = members
    broken["outcome"] = .string("fine")
    #expect(!schema.problems(.object(broken)).isEmpty)
    broken = members
    broken.removeValue(forKey: "kb")
    #expect(schema.problems(.object(broken)).contains { $0.contains("missing required 'kb'") })
    broken = members
    broken["surprise"] = .bool(true)
    #expect(schema.problems(.object(broken)).contains { $0.contains("'surprise'") })
    if case .array(var conclusions)? = members["conclusions"],
      case .object(var first)? =
        conclusions.first
    {
      first["confidence"] = .string("0.9")
      conclusions[0] = .object(first)
      members["conclusions"] = .array(conclusions)
      #expect(schema.problems(.object(members)).contains { $0.contains("expected number") })
    }
  }

  /// Every property the schema declares is named in `docs/report-json.md`.
  @Test func everyFieldIsDocumented() throws {
    let document = try String(
      contentsOf: Repository.root.appendingPathComponent("docs/report-json.md"), encoding: .utf8)
    var names: Set<String> = []
    func collect(_ node: JSONNode) {
      switch node {
      case .object(let members):
        if case .object(let properties)? = members["properties"] {
          names.formUnion(properties.keys)
        }
        members.values.forEach(collect)
      case .array(let items): items.forEach(collect)
      default: break
      }
    }
    collect(try Self.schema().root)
    for name in names.sorted() {
      #expect(document.contains("`\(name)`"), "docs/report-json.md does not name '\(name)'")
    }
  }
}
