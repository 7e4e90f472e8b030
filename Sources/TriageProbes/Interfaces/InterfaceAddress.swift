#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// One address of a network interface, as `getifaddrs` lists it.
public struct InterfaceAddress: Sendable, Equatable {
  /// `ipv4` or `ipv6`.
  public enum Family: String, Sendable {
    case ipv4
    case ipv6
  }

  /// Interface name (`eth0`, `wlan0`, `lo`).
  public var interface: String
  /// Address family.
  public var family: Family
  /// The address as text.
  public var address: String
  /// Prefix length from the netmask (`24` for 255.255.255.0), `nil` when none was given.
  public var prefixLength: Int?
  /// The interface is administratively up.
  public var isUp: Bool
  /// The interface is a loopback.
  public var isLoopback: Bool

  /// An address as given.
  public init(
    interface: String, family: Family, address: String, prefixLength: Int?, isUp: Bool,
    isLoopback: Bool
  ) {
    self.interface = interface
    self.family = family
    self.address = address
    self.prefixLength = prefixLength
    self.isUp = isUp
    self.isLoopback = isLoopback
  }

  /// A 169.254.0.0/16 address: self-assigned because no DHCP server answered (APIPA).
  public var isAPIPA: Bool {
    family == .ipv4 && address.hasPrefix("169.254.")
  }

  /// `192.168.1.20/24`.
  public var withPrefix: String {
    prefixLength.map { "\(address)/\($0)" } ?? address
  }

  // IFF_UP and IFF_LOOPBACK have these values on Linux and the BSDs alike.
  private static let flagUp: UInt32 = 0x1
  private static let flagLoopback: UInt32 = 0x8

  /// This machine's IPv4 and IPv6 addresses, or the errno of `getifaddrs`.
  public static func system() -> Result<[InterfaceAddress], ObservationError> {
    var list: UnsafeMutablePointer<ifaddrs>?
    guard getifaddrs(&list) == 0 else {
      return .failure(.system(call: "getifaddrs", code: errno))
    }
    defer { freeifaddrs(list) }
    var addresses: [InterfaceAddress] = []
    var entry = list
    while let current = entry {
      entry = current.pointee.ifa_next
      guard let address = current.pointee.ifa_addr,
        let text = bytes(address).flatMap(IPAddressText.format)
      else { continue }
      let family: Family = address.pointee.sa_family == sa_family_t(AF_INET6) ? .ipv6 : .ipv4
      let mask = current.pointee.ifa_netmask.flatMap(bytes)
      let flags = UInt32(current.pointee.ifa_flags)
      addresses.append(
        InterfaceAddress(
          interface: String(cString: current.pointee.ifa_name), family: family, address: text,
          prefixLength: mask.map { $0.reduce(0) { $0 + $1.nonzeroBitCount } },
          isUp: flags & flagUp != 0, isLoopback: flags & flagLoopback != 0))
    }
    return .success(addresses)
  }

  /// The address bytes of an AF_INET or AF_INET6 sockaddr, network order.
  private static func bytes(_ address: UnsafeMutablePointer<sockaddr>) -> [UInt8]? {
    switch Int32(address.pointee.sa_family) {
    case AF_INET:
      return address.withMemoryRebound(to: sockaddr_in.self, capacity: 1) {
        withUnsafeBytes(of: $0.pointee.sin_addr) { Array($0) }
      }
    case AF_INET6:
      return address.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) {
        withUnsafeBytes(of: $0.pointee.sin6_addr) { Array($0) }
      }
    default:
      return nil
    }
  }
}
