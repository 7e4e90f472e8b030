/// Times as event-log exports print them (`2024-03-01T10:42:13.512Z`, `12/2/2013 11:52:26 AM`,
/// `01-07-2025 17:53:27`), turned into one sortable form.
enum EventTime {
  /// A time read from an export. Local unless `zone` says otherwise.
  struct Parsed: Comparable, Sendable {
    var year: Int
    var month: Int
    var day: Int
    var hour: Int
    var minute: Int
    var second: Int
    /// `Z`, `+08:00`, or `nil` for local time.
    var zone: String?

    /// `2024-03-01T10:42:13`, with the zone when there is one.
    var iso: String {
      "\(pad(year, 4))-\(pad(month))-\(pad(day))T\(pad(hour)):\(pad(minute)):\(pad(second))"
        + (zone ?? "")
    }

    /// `2024-03-01`.
    var date: String { "\(pad(year, 4))-\(pad(month))-\(pad(day))" }

    /// `10:42`.
    var clock: String { "\(pad(hour)):\(pad(minute))" }

    static func < (lhs: Parsed, rhs: Parsed) -> Bool {
      (lhs.year, lhs.month, lhs.day, lhs.hour, lhs.minute, lhs.second)
        < (rhs.year, rhs.month, rhs.day, rhs.hour, rhs.minute, rhs.second)
    }

    private func pad(_ value: Int, _ width: Int = 2) -> String {
      let digits = String(value)
      return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
  }

  /// Whether slash dates with the year last are day-first in this export: yes as soon as one has
  /// a first part above 12 (`25/03/2024`), else month-first, as English (US) Windows prints them.
  static func dayFirst(in raws: some Sequence<String>) -> Bool {
    for raw in raws {
      let numbers = leadingNumbers(raw)
      if numbers.count >= 3, numbers[2].digits == 4, numbers[0].value > 12, numbers[0].digits <= 2,
        raw.contains("/")
      {
        return true
      }
    }
    return false
  }

  /// The time in `raw`, or `nil` when it is not one of the shapes exports print.
  static func parse(_ raw: String, dayFirst: Bool) -> Parsed? {
    let bytes = Array(raw.utf8)
    var scanner = Scanner(bytes: bytes)
    scanner.skipSpaces()
    guard let first = scanner.number() else { return nil }
    var year: Int
    var month: Int
    var day: Int
    if first.digits == 4 {
      // 2024-03-01T10:42:13.512Z or 2024/03/01 10:42
      guard let separator = scanner.take("-/."), let second = scanner.number(),
        scanner.take(separator) != nil, let third = scanner.number()
      else { return nil }
      (year, month, day) = (first.value, second.value, third.value)
    } else {
      // 12/2/2013 11:52:26 AM or 25.03.2024 10:42
      guard first.digits <= 2, let separator = scanner.take("/-."),
        let second = scanner.number(), second.digits <= 2, scanner.take(separator) != nil,
        let third = scanner.number(), third.digits == 4
      else { return nil }
      year = third.value
      // A part above 12 settles it; else slashes follow the export (month-first, US English,
      // unless another date in it was day-first) and dashes or dots are day-first
      // (`01-07-2025`, `25.03.2024`), as the locales that print them are.
      let slash = separator == UInt8(ascii: "/")
      let swap =
        first.value > 12 ? true : second.value > 12 ? false : slash ? dayFirst : true
      (month, day) = swap ? (second.value, first.value) : (first.value, second.value)
    }
    guard (1...12).contains(month), (1...31).contains(day), (1601...9999).contains(year) else {
      return nil
    }
    var parsed = Parsed(
      year: year, month: month, day: day, hour: 0, minute: 0, second: 0, zone: nil)
    guard scanner.take("T") != nil || scanner.skipSpaces() else {
      return scanner.atEnd ? parsed : nil
    }
    if scanner.atEnd { return parsed }
    guard let hour = scanner.number(), hour.digits <= 2, scanner.take(":") != nil,
      let minute = scanner.number(), minute.digits == 2
    else { return nil }
    var second = 0
    if scanner.take(":") != nil {
      guard let value = scanner.number(), value.digits == 2 else { return nil }
      second = value.value
      if scanner.take(".,") != nil { _ = scanner.number() }
    }
    var hours = hour.value
    if scanner.take("Z") != nil {
      parsed.zone = "Z"
    } else if let sign = scanner.take("+-"), let offset = scanner.number() {
      var zone = "\(sign == UInt8(ascii: "+") ? "+" : "-")"
      if offset.digits == 4 {
        zone += "\(offset.text.prefix(2)):\(offset.text.suffix(2))"
      } else if offset.digits == 2, scanner.take(":") != nil, let minutes = scanner.number() {
        zone += "\(offset.text):\(minutes.text)"
      } else {
        return nil
      }
      parsed.zone = zone == "+00:00" ? "Z" : zone
    } else {
      scanner.skipSpaces()
      if let meridiem = scanner.word() {
        switch meridiem.lowercased() {
        case "am": hours = hours == 12 ? 0 : hours
        case "pm": hours = hours == 12 ? 12 : hours + 12
        default: return nil
        }
      }
    }
    guard (0...23).contains(hours), (0...59).contains(minute.value), (0...60).contains(second)
    else { return nil }
    parsed.hour = hours
    parsed.minute = minute.value
    parsed.second = min(second, 59)
    return parsed
  }

  private struct Number {
    var value: Int
    var digits: Int
    var text: String
  }

  private static func leadingNumbers(_ raw: String) -> [Number] {
    var scanner = Scanner(bytes: Array(raw.utf8))
    scanner.skipSpaces()
    var numbers: [Number] = []
    while numbers.count < 3, let number = scanner.number() {
      numbers.append(number)
      guard scanner.take("/-.") != nil else { break }
    }
    return numbers
  }

  private struct Scanner {
    let bytes: [UInt8]
    var index = 0

    var atEnd: Bool { index >= bytes.count }

    @discardableResult
    mutating func skipSpaces() -> Bool {
      let start = index
      while index < bytes.count, bytes[index] == 32 || bytes[index] == 9 { index += 1 }
      return index > start
    }

    mutating func number() -> Number? {
      let start = index
      var value = 0
      while index < bytes.count, bytes[index] >= 48, bytes[index] <= 57, index - start < 9 {
        value = value * 10 + Int(bytes[index] - 48)
        index += 1
      }
      guard index > start else { return nil }
      return Number(
        value: value, digits: index - start,
        text: String(decoding: bytes[start..<index], as: UTF8.self))
    }

    mutating func take(_ set: String) -> UInt8? {
      guard index < bytes.count, set.utf8.contains(bytes[index]) else { return nil }
      index += 1
      return bytes[index - 1]
    }

    mutating func take(_ byte: UInt8) -> UInt8? {
      guard index < bytes.count, bytes[index] == byte else { return nil }
      index += 1
      return byte
    }

    mutating func word() -> String? {
      let start = index
      while index < bytes.count, (bytes[index] | 0x20) >= 97, (bytes[index] | 0x20) <= 122 {
        index += 1
      }
      return index > start ? String(decoding: bytes[start..<index], as: UTF8.self) : nil
    }
  }
}
