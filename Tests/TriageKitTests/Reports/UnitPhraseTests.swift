import Testing

@testable import TriageKit

@Suite struct UnitPhraseTests {
  @Test(arguments: [
    (1.0, "minutes", "1 minute"),
    (0.0, "minutes", "0 minutes"),
    (2.0, "minutes", "2 minutes"),
    (1.5, "minutes", "1.5 minutes"),
    (1.0, "hosts per minute", "1 host per minute"),
    (1.0, "per minute", "1 per minute"),
    (1.0, "entries", "1 entry"),
    (1.0, "ratio", "1 ratio"),
    (1.0, "%", "1 %"),
    (1000.0, "connections", "1,000 connections"),
    (-1.0, "steps", "-1 step"),
  ])
  func quantity(value: Double, unit: String, expected: String) {
    #expect(UnitPhrase.quantity(value, unit) == expected)
  }

  @Test func noUnitIsTheNumberAlone() {
    #expect(UnitPhrase.quantity(1, nil) == "1")
    #expect(UnitPhrase.quantity(12_500, "") == "12,500")
  }

  /// A knowledge-base text writes its unit after a template; only the number tells which.
  @Test(arguments: [
    ("take about **1 minutes**.", "take about **1 minute**."),
    ("open 1 minutes: the 500 hosts", "open 1 minute: the 500 hosts"),
    (
      "11 minutes, 21 hosts, 0.1 minutes, 2,001 hosts",
      "11 minutes, 21 hosts, 0.1 minutes, 2,001 hosts"
    ),
    ("1 minutesque", "1 minutesque"),
    ("version 1 of 1 hosts", "version 1 of 1 host"),
  ])
  func onesInTextAreSingular(text: String, expected: String) {
    #expect(UnitPhrase.singularizingOnes(text) == expected)
  }
}
