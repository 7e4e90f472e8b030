import Foundation
import Testing

@testable import TriageKit

/// UTC times worked out by hand print what Foundation's formatters print.
@Suite struct UTCTimeTests {
  private static func formatterISO8601(_ date: Date) -> String {
    let formatter = ISO8601DateFormatter()
    formatter.timeZone = TimeZone(identifier: "UTC")
    formatter.formatOptions = [.withInternetDateTime]
    return formatter.string(from: date)
  }

  private static func formatterCompact(_ date: Date) -> String {
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.timeZone = TimeZone(identifier: "UTC")
    formatter.dateFormat = "yyyyMMdd-HHmmss"
    return formatter.string(from: date)
  }

  @Test func printsWhatTheFormattersPrint() throws {
    var generator = SplitMix64(seed: 7)
    var seconds: [Double] = [
      0, -1, 1, 86_399, 86_400, -86_400, -86_401, 951_782_400, 1_700_000_000, 1_700_000_000.999,
      -0.5, 4_102_444_800, 253_402_300_799, -11_644_473_600, 1_078_012_800,
    ]
    for _ in 0..<2000 {
      // Any time from 1601 to 9999, with fractions.
      let span = 253_402_300_799.0 + 11_644_473_600.0
      seconds.append(
        -11_644_473_600 + Double(generator.next() % UInt64(span)) + Double(generator.next() % 1000)
          / 1000)
    }
    for value in seconds {
      let date = Date(timeIntervalSince1970: value)
      let time = try #require(UTCTime(date), "\(value)")
      #expect(time.iso8601 == Self.formatterISO8601(date), "\(value)")
      #expect(time.compact == Self.formatterCompact(date), "\(value)")
      #expect(date.iso8601 == Self.formatterISO8601(date))
    }
  }

  @Test func reportTimestampsInAnyZoneReadAsTheFormatterReadsThem() {
    var generator = SplitMix64(seed: 11)
    let zones = [
      "UTC", "Europe/Berlin", "America/New_York", "Asia/Kolkata", "Australia/Lord_Howe",
      "Pacific/Chatham", "America/St_Johns", "Europe/London",
    ].compactMap(TimeZone.init(identifier:))
    #expect(zones.count == 8)
    for _ in 0..<500 {
      let date = Date(timeIntervalSince1970: Double(generator.next() % 4_102_444_800))
      for zone in zones {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = zone
        formatter.dateFormat = "yyyy-MM-dd HH:mm:ss"
        let expected =
          formatter.string(from: date) + " "
          + MarkdownReportRenderer.zone(of: date, in: zone)
        #expect(MarkdownReportRenderer.timestamp(date, in: zone) == expected, "\(date) \(zone)")
      }
    }
  }

  @Test func timesBefore1601OrAfter9999AreLeftToFoundation() {
    #expect(UTCTime(Date(timeIntervalSince1970: 253_402_300_800)) == nil)
    #expect(UTCTime(Date(timeIntervalSince1970: -11_644_473_601)) == nil)
    // The Julian calendar's dates, as Foundation prints them, are Foundation's.
    #expect(UTCTime(Date(timeIntervalSince1970: -24_102_157_210)) == nil)
    #expect(UTCTime(Date(timeIntervalSince1970: .infinity)) == nil)
    #expect(UTCTime(Date(timeIntervalSince1970: .nan)) == nil)
  }
}
