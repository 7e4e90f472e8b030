import Foundation

/// Where the engine gets the time: injected so a session replays byte for byte.
public struct TriageClock: Sendable {
  private let read: @Sendable () -> Date

  /// A clock that reads `read` each time it is asked.
  public init(_ read: @escaping @Sendable () -> Date) {
    self.read = read
  }

  /// The current time.
  public func now() -> Date { read() }

  /// The system's clock.
  public static let system = TriageClock { Date() }

  /// A clock that always answers `date`.
  public static func fixed(_ date: Date) -> TriageClock {
    TriageClock { date }
  }

  /// The fixed clock of `SOURCE_DATE_EPOCH` when the environment sets it (reproducible builds'
  /// convention), otherwise the system clock.
  ///
  /// Returns `nil` with a malformed value so the caller can report it rather than ignore it.
  public static func fromEnvironment(_ environment: [String: String]) -> TriageClock? {
    guard let raw = environment["SOURCE_DATE_EPOCH"] else { return .system }
    guard let seconds = Int64(raw.trimmingCharacters(in: .whitespaces)) else { return nil }
    return .fixed(Date(timeIntervalSince1970: TimeInterval(seconds)))
  }
}

extension Date {
  /// The time as ISO 8601 in UTC with seconds, the form every report and journal uses.
  public var iso8601: String {
    if let time = UTCTime(self) { return time.iso8601 }
    let formatter = ISO8601DateFormatter()
    formatter.timeZone = TimeZone(identifier: "UTC")
    formatter.formatOptions = [.withInternetDateTime]
    return formatter.string(from: self)
  }

  /// Parses the form written by ``iso8601``.
  public init?(iso8601 text: String) {
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withInternetDateTime]
    guard let date = formatter.date(from: text) else { return nil }
    self = date
  }
}
