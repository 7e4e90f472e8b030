import Foundation
import Testing

@testable import TriageKit

@Suite struct FactValueTests {
  @Test(arguments: [
    (FactValue.bool(true), "yes"), (.bool(false), "no"), (.number(500), "500"),
    (.number(12.5), "12.5"),
    (.number(-3), "-3"), (.number(0), "0"), (.string("MGMT-01"), "MGMT-01"), (.unknown, "unknown"),
  ])
  func display(value: FactValue, shown: String) {
    #expect(value.display == shown)
  }

  @Test(arguments: [
    (500.0, "500"), (1e15, "1000000000000000.0"), (999_999_999_999_999, "999999999999999"),
    (0.1, "0.1"),
    (-0.5, "-0.5"),
  ])
  func numbersPrintWithoutATrailingPointZero(value: Double, text: String) {
    #expect(FactValue.format(value) == text)
  }

  @Test(arguments: [
    (FactValue.bool(true), "true"), (.number(500), "500"), (.number(12.5), "12.5"),
    (.string("53"), #""53""#), (.unknown, #""unknown""#),
  ])
  func jsonForm(value: FactValue, json: String) throws {
    let data = try JSONEncoder().encode(value)
    #expect(String(decoding: data, as: UTF8.self) == json)
    #expect(try JSONDecoder().decode(FactValue.self, from: data) == value)
  }

  @Test func provenanceDisplay() {
    #expect(Provenance(.user).display == "user")
    #expect(Provenance(.answerFile, detail: "answers.yaml").display == "answer-file: answers.yaml")
    #expect(
      Provenance.Source.allCases.map(\.rawValue) == [
        "user", "answer-file", "evidence", "probe", "default", "computed",
      ])
  }
}
