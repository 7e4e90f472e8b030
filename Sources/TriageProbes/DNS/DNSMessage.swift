/// The few bytes of DNS (RFC 1035) the probe needs: an A query, and a reply's header and A answers.
enum DNSMessage {
  /// Record type A and class IN.
  static let typeA: UInt16 = 1
  static let classIN: UInt16 = 1
  static let typeCNAME: UInt16 = 5

  /// A query for `name`'s A records with ID `id` and recursion desired: header, one question.
  static func query(name: String, id: UInt16) throws(ObservationError) -> [UInt8] {
    var bytes: [UInt8] = []
    append(id, to: &bytes)
    append(0x0100, to: &bytes)  // QR 0, opcode QUERY, RD 1
    append(1, to: &bytes)  // QDCOUNT
    append(0, to: &bytes)  // ANCOUNT
    append(0, to: &bytes)  // NSCOUNT
    append(0, to: &bytes)  // ARCOUNT
    bytes += try encodedName(name)
    append(typeA, to: &bytes)
    append(classIN, to: &bytes)
    return bytes
  }

  /// `name` as DNS labels; one trailing dot is allowed, ASCII only, labels of 1…63 bytes, 255 in all.
  static func encodedName(_ name: String) throws(ObservationError) -> [UInt8] {
    let trimmed = name.hasSuffix(".") ? String(name.dropLast()) : name
    guard !trimmed.isEmpty else { throw .invalidRequest("name '\(name)' is empty") }
    guard trimmed.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else {
      throw .invalidRequest(
        "name '\(name)': only ASCII names can be asked (give the 'xn--' form of an international "
          + "name)")
    }
    var bytes: [UInt8] = []
    for label in trimmed.split(separator: ".", omittingEmptySubsequences: false) {
      guard (1...63).contains(label.utf8.count) else {
        throw .invalidRequest("name '\(name)': every label must have 1 to 63 characters")
      }
      bytes.append(UInt8(label.utf8.count))
      bytes += Array(label.utf8)
    }
    bytes.append(0)
    guard bytes.count <= 255 else {
      throw .invalidRequest("name '\(name)' is longer than 255 bytes")
    }
    return bytes
  }

  /// What a reply says.
  struct Reply: Equatable {
    /// Its ID (must be the query's).
    var id: UInt16
    /// The QR bit: a response, not a query.
    var isResponse: Bool
    /// The response code: 0 no error, 2 SERVFAIL, 3 NXDOMAIN, 5 REFUSED…
    var rcode: Int
    /// TC: the answer did not fit in UDP.
    var truncated: Bool
    /// The A records of the answer section, as text.
    var addresses: [String]
  }

  /// The reply in `bytes`, or `nil` when it is too short or its sections run past the end.
  static func reply(_ bytes: [UInt8]) -> Reply? {
    guard bytes.count >= 12 else { return nil }
    let id = word(bytes, 0)
    let flags = word(bytes, 2)
    let questions = Int(word(bytes, 4))
    let answers = Int(word(bytes, 6))
    var reply = Reply(
      id: id, isResponse: flags & 0x8000 != 0, rcode: Int(flags & 0x000F),
      truncated: flags & 0x0200 != 0, addresses: [])
    var offset = 12
    for _ in 0..<questions {
      guard let end = skipName(bytes, from: offset), end + 4 <= bytes.count else { return nil }
      offset = end + 4
    }
    for _ in 0..<answers {
      guard let end = skipName(bytes, from: offset), end + 10 <= bytes.count else { return nil }
      let type = word(bytes, end)
      let recordClass = word(bytes, end + 2)
      let length = Int(word(bytes, end + 8))
      let data = end + 10
      guard data + length <= bytes.count else { return nil }
      if type == typeA, recordClass == classIN, length == 4,
        let address = IPAddressText.format(Array(bytes[data..<data + 4]))
      {
        reply.addresses.append(address)
      }
      offset = data + length
    }
    return reply
  }

  /// The offset just past the name at `offset`: labels up to a zero byte, or up to a compression
  /// pointer (two bytes, `11xxxxxx`), which ends the name in place.
  private static func skipName(_ bytes: [UInt8], from offset: Int) -> Int? {
    var index = offset
    while index < bytes.count {
      let length = Int(bytes[index])
      if length == 0 { return index + 1 }
      if length & 0xC0 == 0xC0 { return index + 2 <= bytes.count ? index + 2 : nil }
      guard length & 0xC0 == 0 else { return nil }
      index += 1 + length
    }
    return nil
  }

  private static func word(_ bytes: [UInt8], _ offset: Int) -> UInt16 {
    UInt16(bytes[offset]) << 8 | UInt16(bytes[offset + 1])
  }

  private static func append(_ value: UInt16, to bytes: inout [UInt8]) {
    bytes.append(UInt8(value >> 8))
    bytes.append(UInt8(value & 0xFF))
  }
}
