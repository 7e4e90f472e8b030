import TriageKit

/// One TCP socket from the kernel's table, whichever way it was read.
struct TCPSocketRecord: Hashable, Sendable {
  /// Its canonical state.
  var state: TCPState
  /// Local address as text (`127.0.0.1`, `::1`, `::ffff:10.0.0.1`).
  var localAddress: String
  /// Local port.
  var localPort: Int
  /// Remote address as text; `0.0.0.0` or `::` for a listener.
  var remoteAddress: String
  /// Remote port; 0 for a listener.
  var remotePort: Int

  /// The remote host with IPv4-mapped IPv6 written as IPv4, or `nil` for a wildcard.
  var remoteHost: String? {
    IPAddressText.isWildcard(remoteAddress) ? nil : IPAddressText.unmapped(remoteAddress)
  }

  /// `ESTABLISHED 10.0.0.5:51234 10.0.0.9:445`, as the raw block shows it.
  var line: String {
    "\(state.rawValue) \(Self.endpoint(localAddress, localPort)) "
      + Self.endpoint(remoteAddress, remotePort)
  }

  private static func endpoint(_ address: String, _ port: Int) -> String {
    address.contains(":") ? "[\(address)]:\(port)" : "\(address):\(port)"
  }
}
