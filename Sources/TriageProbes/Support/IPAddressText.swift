/// IP addresses as text, from the bytes the kernel keeps them in.
enum IPAddressText {
  /// Dotted quad for 4 bytes, RFC 5952 form (lowercase, longest zero run as `::`, IPv4-mapped as
  /// `::ffff:a.b.c.d`) for 16; `nil` for any other length.
  static func format(_ bytes: [UInt8]) -> String? {
    switch bytes.count {
    case 4:
      return bytes.map(String.init).joined(separator: ".")
    case 16:
      if bytes[0..<10].allSatisfy({ $0 == 0 }), bytes[10] == 0xFF, bytes[11] == 0xFF {
        return "::ffff:" + bytes[12..<16].map(String.init).joined(separator: ".")
      }
      let groups = stride(from: 0, to: 16, by: 2).map { Int(bytes[$0]) << 8 | Int(bytes[$0 + 1]) }
      // The longest run of two or more zero groups, first one on a tie.
      var best: (start: Int, length: Int)?
      var index = 0
      while index < 8 {
        guard groups[index] == 0 else {
          index += 1
          continue
        }
        var end = index
        while end < 8, groups[end] == 0 { end += 1 }
        if end - index >= 2, end - index > (best?.length ?? 0) { best = (index, end - index) }
        index = end
      }
      let hex = groups.map { String($0, radix: 16) }
      guard let best else { return hex.joined(separator: ":") }
      let head = hex[0..<best.start].joined(separator: ":")
      let tail = hex[(best.start + best.length)...].joined(separator: ":")
      return head + "::" + tail
    default:
      return nil
    }
  }

  /// An IPv4-mapped IPv6 address (`::ffff:10.0.0.1`) as the IPv4 address it stands for, so one
  /// host is not counted twice; anything else unchanged.
  static func unmapped(_ address: String) -> String {
    let prefix = "::ffff:"
    if address.hasPrefix(prefix), address.contains(".") {
      return String(address.dropFirst(prefix.count))
    }
    return address
  }

  /// `0.0.0.0`, `::` or empty: no address (a listener's remote side).
  static func isWildcard(_ address: String) -> Bool {
    address.isEmpty || address == "0.0.0.0" || address == "::" || address == "*"
  }

  /// The 4 bytes of a dotted quad, or `nil`.
  static func ipv4Bytes(_ text: some StringProtocol) -> [UInt8]? {
    let parts = text.split(separator: ".", omittingEmptySubsequences: false)
    guard parts.count == 4 else { return nil }
    var bytes: [UInt8] = []
    for part in parts {
      guard !part.isEmpty, part.count <= 3, part.allSatisfy(\.isASCII),
        let value = UInt8(part)
      else { return nil }
      bytes.append(value)
    }
    return bytes
  }

  /// Bytes from hex text as /proc prints addresses: each group of 8 hex digits is one 32-bit word
  /// in the kernel's (host) byte order, so on a little-endian machine `0100007F` is 127.0.0.1.
  /// With `wordsInHostOrder` false the digits are plain network order (`/proc/net/ipv6_route`).
  static func procHexBytes(
    _ hex: some StringProtocol, wordsInHostOrder: Bool = true,
    littleEndianHost: Bool = IPAddressText.hostIsLittleEndian
  ) -> [UInt8]? {
    let digits = Array(hex.utf8)
    guard digits.count == 8 || digits.count == 32 else { return nil }
    var bytes: [UInt8] = []
    bytes.reserveCapacity(digits.count / 2)
    var index = 0
    while index < digits.count {
      guard let high = hexValue(digits[index]), let low = hexValue(digits[index + 1]) else {
        return nil
      }
      bytes.append(high << 4 | low)
      index += 2
    }
    guard wordsInHostOrder, littleEndianHost else { return bytes }
    var swapped: [UInt8] = []
    swapped.reserveCapacity(bytes.count)
    for word in stride(from: 0, to: bytes.count, by: 4) {
      swapped += bytes[word..<word + 4].reversed()
    }
    return swapped
  }

  /// Whether this machine stores integers least significant byte first.
  static let hostIsLittleEndian = 1.littleEndian == 1

  private static func hexValue(_ digit: UInt8) -> UInt8? {
    switch digit {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): return digit - UInt8(ascii: "0")
    case UInt8(ascii: "a")...UInt8(ascii: "f"): return digit - UInt8(ascii: "a") + 10
    case UInt8(ascii: "A")...UInt8(ascii: "F"): return digit - UInt8(ascii: "A") + 10
    default: return nil
    }
  }
}
