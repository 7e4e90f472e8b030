/// Default routes from `/proc/net/route` (IPv4) and `/proc/net/ipv6_route`.
enum RouteTable {
  /// A default route: where traffic for anywhere off the local subnets goes.
  struct DefaultRoute: Sendable, Equatable {
    /// `ipv4` or `ipv6`.
    var family: InterfaceAddress.Family
    /// The interface it leaves by.
    var interface: String
    /// The gateway's address; `nil` for a route straight out of the interface (a VPN, PPP).
    var gateway: String?
  }

  static let ipv4Path = "/proc/net/route"
  static let ipv6Path = "/proc/net/ipv6_route"

  // Route flags of include/uapi/linux/route.h and ipv6_route.h.
  private static let flagUp = 0x0001
  private static let flagGateway = 0x0002
  private static let flagReject = 0x0200

  /// The IPv4 default routes in `/proc/net/route` text: `Iface Destination Gateway Flags RefCnt
  /// Use Metric Mask …`, addresses in hex words in host byte order.
  static func ipv4Defaults(
    _ text: String, file: String = ipv4Path,
    littleEndianHost: Bool = IPAddressText.hostIsLittleEndian
  ) throws(ObservationError) -> [DefaultRoute] {
    var routes: [DefaultRoute] = []
    for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
    {
      let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" })
      if fields.isEmpty || (index == 0 && fields[0] == "Iface") { continue }
      guard fields.count >= 8,
        let destination = IPAddressText.procHexBytes(fields[1], littleEndianHost: littleEndianHost),
        let gateway = IPAddressText.procHexBytes(fields[2], littleEndianHost: littleEndianHost),
        let flags = Int(fields[3], radix: 16),
        let mask = IPAddressText.procHexBytes(fields[7], littleEndianHost: littleEndianHost)
      else {
        throw .malformed(
          file: file, line: index + 1,
          expected: "'Iface Destination Gateway Flags RefCnt Use Metric Mask' in hex",
          found: String(line.prefix(80)))
      }
      guard destination.allSatisfy({ $0 == 0 }), mask.allSatisfy({ $0 == 0 }),
        flags & flagUp != 0, flags & flagReject == 0
      else { continue }
      let via = flags & flagGateway != 0 ? IPAddressText.format(gateway) : nil
      routes.append(DefaultRoute(family: .ipv4, interface: String(fields[0]), gateway: via))
    }
    return routes
  }

  /// The IPv6 default routes in `/proc/net/ipv6_route` text: `dest plen src plen next-hop metric
  /// refcnt use flags iface`, addresses in plain hex (network order). Reject routes (the kernel's
  /// unreachable default on `lo`) are not defaults.
  static func ipv6Defaults(_ text: String, file: String = ipv6Path) throws(ObservationError)
    -> [DefaultRoute]
  {
    var routes: [DefaultRoute] = []
    for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
    {
      let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" })
      if fields.isEmpty { continue }
      guard fields.count >= 10,
        let destination = IPAddressText.procHexBytes(fields[0], wordsInHostOrder: false),
        let prefix = Int(fields[1], radix: 16),
        let nextHop = IPAddressText.procHexBytes(fields[4], wordsInHostOrder: false),
        let flags = Int(fields[8], radix: 16)
      else {
        throw .malformed(
          file: file, line: index + 1,
          expected: "'destination prefix source prefix next-hop metric refcnt use flags iface'",
          found: String(line.prefix(80)))
      }
      guard prefix == 0, destination.allSatisfy({ $0 == 0 }), flags & flagUp != 0,
        flags & flagReject == 0, fields[9] != "lo"
      else { continue }
      let via = nextHop.allSatisfy({ $0 == 0 }) ? nil : IPAddressText.format(nextHop)
      routes.append(DefaultRoute(family: .ipv6, interface: String(fields[9]), gateway: via))
    }
    return routes
  }
}
