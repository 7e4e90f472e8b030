import Foundation

/// Times as a person at this machine reads them: local time with its offset (`2026-12-07 09:41
/// UTC+1`), as ISA's own logs are local; `TZ` chooses the zone.
enum LocalTime {
  static func display(_ date: Date, timeZone: TimeZone = .current) -> String {
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.timeZone = timeZone
    formatter.dateFormat = "yyyy-MM-dd HH:mm"
    return formatter.string(from: date) + " " + zone(of: date, in: timeZone)
  }

  /// The time of day only (`10:42 UTC+1`), for what happened in this session.
  static func clock(_ date: Date, timeZone: TimeZone = .current) -> String {
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.timeZone = timeZone
    formatter.dateFormat = "HH:mm"
    return formatter.string(from: date) + " " + zone(of: date, in: timeZone)
  }

  /// A compact date and time for tables whose header names the zone: `12-07 09:41`, with the
  /// year only when it is not this one.
  static func compact(_ date: Date, now: Date = Date(), timeZone: TimeZone = .current) -> String {
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.timeZone = timeZone
    formatter.dateFormat = "yyyy"
    let sameYear = formatter.string(from: date) == formatter.string(from: now)
    formatter.dateFormat = sameYear ? "MM-dd HH:mm" : "yyyy-MM-dd HH:mm"
    return formatter.string(from: date)
  }

  /// `UTC`, `UTC+1`, `UTC-5:30`: unambiguous wherever the reader is.
  static func zone(of date: Date, in timeZone: TimeZone) -> String {
    let seconds = timeZone.secondsFromGMT(for: date)
    guard seconds != 0 else { return "UTC" }
    let sign = seconds < 0 ? "-" : "+"
    let minutes = abs(seconds) / 60
    return "UTC\(sign)\(minutes / 60)"
      + (minutes % 60 == 0 ? "" : String(format: ":%02d", minutes % 60))
  }

  /// An ISO 8601 stamp from a journal, in local time; the stamp itself when it cannot be read.
  static func display(iso8601 stamp: String) -> String {
    Date(iso8601: stamp).map { display($0) } ?? stamp
  }
}
