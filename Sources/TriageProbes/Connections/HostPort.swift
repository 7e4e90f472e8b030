/// A `host:port` target as a person writes it: `192.0.2.7:445`, `fileserver:139`, `[::1]:445`.
public struct HostPort: Sendable, Hashable, CustomStringConvertible {
  /// A name or a numeric address (IPv6 without brackets).
  public var host: String
  /// 1 to 65535.
  public var port: UInt16

  /// A target.
  public init(host: String, port: UInt16) {
    self.host = host
    self.port = port
  }

  /// Why text is not a `host:port`, and the column (from 1) where the problem is.
  public struct ParseError: Error, Sendable, Equatable {
    /// From 1, counted in characters of the text given.
    public var column: Int
    /// Lowercase, what was found and what was expected.
    public var message: String
  }

  /// `host:port`, or `[ipv6]:port`.
  public var description: String {
    host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
  }

  /// Reads `host:port` or `[ipv6]:port`; the text must not hold surrounding blanks.
  public static func parse(_ text: String) throws(ParseError) -> HostPort {
    let characters = Array(text)
    guard !characters.isEmpty else {
      throw ParseError(column: 1, message: "expected 'host:port', found nothing")
    }
    let host: String
    let portStart: Int
    if characters[0] == "[" {
      guard let close = characters.firstIndex(of: "]") else {
        throw ParseError(column: 1, message: "'[' opens an IPv6 address that no ']' closes")
      }
      host = String(characters[1..<close])
      guard !host.isEmpty, host.allSatisfy({ $0.isHexDigit || $0 == ":" || $0 == "." }) else {
        throw ParseError(
          column: 2, message: "expected an IPv6 address inside '[…]', found '\(host)'")
      }
      guard close + 1 < characters.count, characters[close + 1] == ":" else {
        throw ParseError(column: close + 2, message: "expected ':port' after ']'")
      }
      portStart = close + 2
    } else {
      guard let colon = characters.lastIndex(of: ":") else {
        throw ParseError(
          column: characters.count + 1, message: "expected ':port' after '\(text)'")
      }
      host = String(characters[..<colon])
      if host.contains(":") {
        throw ParseError(
          column: 1, message: "an IPv6 address needs brackets: '[\(host)]:port'")
      }
      if host.isEmpty {
        throw ParseError(column: 1, message: "expected a host name or address before ':'")
      }
      if let bad = host.firstIndex(where: { !isHostCharacter($0) }) {
        let column = host.distance(from: host.startIndex, to: bad) + 1
        throw ParseError(
          column: column, message: "unexpected character '\(host[bad])' in host '\(host)'")
      }
      portStart = colon + 1
    }
    let portText = String(characters[portStart...])
    guard !portText.isEmpty else {
      throw ParseError(column: portStart + 1, message: "expected a port after ':'")
    }
    guard portText.allSatisfy(\.isASCII), portText.allSatisfy(\.isNumber),
      let port = Int(portText), (1...65535).contains(port)
    else {
      throw ParseError(
        column: portStart + 1, message: "expected a port from 1 to 65535, found '\(portText)'")
    }
    return HostPort(host: host, port: UInt16(port))
  }

  private static func isHostCharacter(_ character: Character) -> Bool {
    character.isASCII && (character.isLetter || character.isNumber || "-._".contains(character))
  }
}
