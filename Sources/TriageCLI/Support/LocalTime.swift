import Foundation

/// Times as a person at this machine reads them: local time with its zone (`2026-12-07 09:41
/// CET`), as ISA's own logs are local; `TZ` chooses the zone.
enum LocalTime {
  static func display(_ date: Date, timeZone: TimeZone = .current) -> String {
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.timeZone = timeZone
    formatter.dateFormat = "yyyy-MM-dd HH:mm zzz"
    return formatter.string(from: date)
  }

  /// An ISO 8601 stamp from a journal, in local time; the stamp itself when it cannot be read.
  static func display(iso8601 stamp: String) -> String {
    Date(iso8601: stamp).map { display($0) } ?? stamp
  }
}
