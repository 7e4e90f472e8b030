import Foundation
import Testing

@testable import TriageKit

@Suite struct ClockTests {
  @Test func fixedClockAlwaysAnswersTheSameTime() {
    let clock = TriageClock.fixed(TestKnowledgeBase.time)
    #expect(clock.now() == TestKnowledgeBase.time)
    #expect(clock.now() == clock.now())
  }

  @Test func sourceDateEpochFixesTheClock() throws {
    let clock = try #require(TriageClock.fromEnvironment(["SOURCE_DATE_EPOCH": " 1700000000 "]))
    #expect(clock.now() == TestKnowledgeBase.time)
    #expect(TriageClock.fromEnvironment(["SOURCE_DATE_EPOCH": "yesterday"]) == nil)
    #expect(TriageClock.fromEnvironment(["SOURCE_DATE_EPOCH": ""]) == nil)
    #expect(TriageClock.fromEnvironment([:]) != nil)
  }

  @Test func iso8601RoundTrips() {
    #expect(TestKnowledgeBase.time.iso8601 == "2023-11-14T22:13:20Z")
    #expect(Date(iso8601: "2023-11-14T22:13:20Z") == TestKnowledgeBase.time)
    #expect(Date(iso8601: "2023-11-14T23:13:20+01:00") == TestKnowledgeBase.time)
    #expect(Date(iso8601: "14/11/2023") == nil)
  }
}
