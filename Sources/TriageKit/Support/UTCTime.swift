import Foundation

/// A moment's calendar date and time of day in UTC, worked out with integer arithmetic.
///
/// Reports, journals and session IDs print times in UTC; creating a `DateFormatter` or
/// `ISO8601DateFormatter` for that loads ICU's calendar and took a tenth of a replay's start-up.
/// Times before 1601 (Foundation's calendar is Julian before the Gregorian reform of 1582) and
/// after 9999 are left to Foundation's formatters (``init(_:)`` gives `nil`).
public struct UTCTime: Hashable, Sendable {
  /// The year, 1601...9999.
  public var year: Int
  /// The month, 1...12.
  public var month: Int
  /// The day of the month, 1...31.
  public var day: Int
  /// The hour, 0...23.
  public var hour: Int
  /// The minute, 0...59.
  public var minute: Int
  /// The second, 0...59 (fractions dropped, as the formatters drop them).
  public var second: Int

  /// The UTC calendar fields of `date`; `nil` outside the years 1601...9999.
  public init?(_ date: Date) {
    let interval = date.timeIntervalSince1970.rounded(.down)
    // 1601-01-01T00:00:00Z to the end of 9999.
    guard interval >= -11_644_473_600, interval < 253_402_300_800 else { return nil }
    let seconds = Int(interval)
    let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
    let time = seconds - days * 86_400
    // Howard Hinnant's civil_from_days: the proleptic Gregorian calendar, as ISO 8601 uses.
    let shifted = days + 719_468
    let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
    let dayOfEra = shifted - era * 146_097
    let yearOfEra =
      (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
    let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
    let shiftedMonth = (5 * dayOfYear + 2) / 153
    let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
    let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
    self.year = year
    self.month = month
    self.day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
    self.hour = time / 3600
    self.minute = time % 3600 / 60
    self.second = time % 60
  }

  /// `2026-12-07T06:10:00Z`: ISO 8601 with seconds, as `ISO8601DateFormatter` writes it with
  /// `.withInternetDateTime` in UTC.
  public var iso8601: String {
    "\(Self.digits(year, 4))-\(Self.digits(month, 2))-\(Self.digits(day, 2))T"
      + "\(Self.digits(hour, 2)):\(Self.digits(minute, 2)):\(Self.digits(second, 2))Z"
  }

  /// `2026-12-07 06:10:00`: the date and time as reports show a local time.
  public var dateAndTime: String {
    "\(Self.digits(year, 4))-\(Self.digits(month, 2))-\(Self.digits(day, 2)) "
      + "\(Self.digits(hour, 2)):\(Self.digits(minute, 2)):\(Self.digits(second, 2))"
  }

  /// `20261207-061000`: the date and time of a session ID.
  public var compact: String {
    "\(Self.digits(year, 4))\(Self.digits(month, 2))\(Self.digits(day, 2))-"
      + "\(Self.digits(hour, 2))\(Self.digits(minute, 2))\(Self.digits(second, 2))"
  }

  private static func digits(_ value: Int, _ width: Int) -> String {
    let text = String(value)
    return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
  }
}
