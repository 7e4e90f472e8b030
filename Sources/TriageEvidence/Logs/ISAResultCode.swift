/// ISA Server / Forefront TMG result codes: reading them however a log prints them, one key per
/// code, and their symbolic names.
///
/// Names are those of `Wspfwerr.h` (the ISA/TMG SDK header, "Error Codes" pages): codes from
/// 0xC0040035 exist only from ISA Server 2006, codes from 0xC0040039 only in Forefront TMG.
enum ISAResultCode {
  /// A result code as read: the key the evidence uses and, when known, its name.
  struct Code: Sendable, Equatable {
    /// `0xC0040037` (uppercase hex digits), `0x0`, or a small decimal code (`10060`, `200`).
    var key: String
    /// The numeric value.
    var value: UInt32
    /// `FWX_E_TCP_RATE_QUOTA_EXCEEDED_DROPPED`, from the log or the table; `nil` when unknown.
    var name: String?

    /// Whether the code reports a failure: an HRESULT with the error bit, a Winsock error, a
    /// Web Proxy error (122xx/123xx) or an HTTP error status.
    var isFailure: Bool {
      if key.hasPrefix("0x") { return value & 0x8000_0000 != 0 }
      return (400...599).contains(value) || (10004...11031).contains(value)
        || (12200...12399).contains(value)
    }
  }

  /// Reads a result code as logs print it: `0xc0040037`, `0xC0040037 FWX_E_TCP_RATE_QUOTA_…`,
  /// `3221487671` (decimal), `-1073479625` (signed), or a bare known name. `nil` when the text is
  /// none of these. The caller skips empty values and `-`.
  ///
  /// Keys: hex input, and decimal input of 65536 or more (an HRESULT), become `0x` and eight
  /// uppercase hex digits (`0x0` for zero); smaller decimal codes (Win32, HTTP, Winsock) stay
  /// decimal, as the TMG documentation lists them.
  static func parse(_ bytes: ArraySlice<UInt8>) -> Code? {
    let text = LogBytes.trim(bytes)
    guard !text.isEmpty else { return nil }
    let tokenEnd = text.firstIndex { $0 == 32 || $0 == 9 } ?? text.endIndex
    let token = text[text.startIndex..<tokenEnd]
    let rest = LogBytes.trim(text[tokenEnd...])
    let printedName = rest.isEmpty ? nil : LogBytes.text(rest)
    var value: UInt32
    var hex = false
    if LogBytes.hasPrefix(token, "0x") {
      guard let parsed = Bytes.hex(token), parsed <= Int(UInt32.max) else { return nil }
      value = UInt32(parsed)
      hex = true
    } else if token.first == UInt8(ascii: "-"), let parsed = Bytes.int(token.dropFirst()),
      !token.contains(UInt8(ascii: ",")), parsed <= Int(Int32.max) + 1
    {
      value = UInt32(bitPattern: Int32(truncatingIfNeeded: -parsed))
      hex = true
    } else if let parsed = Bytes.int(token), !token.contains(UInt8(ascii: ",")) {
      guard parsed <= Int(UInt32.max) else { return nil }
      value = UInt32(parsed)
      hex = parsed >= 0x10000
    } else if isName(token), rest.isEmpty {
      let name = LogBytes.text(token)
      guard let known = byName[name] else { return nil }
      return Code(key: key(known, hex: true), value: known, name: name)
    } else {
      return nil
    }
    if value == 0 { hex = true }
    let name = printedName.flatMap { isName(rest) ? $0 : nil } ?? names[value]
    return Code(key: key(value, hex: hex), value: value, name: name)
  }

  /// The symbolic name of a code, when the SDK header (or the TMG result-code page) has one.
  static func name(of value: UInt32) -> String? { names[value] }

  private static func key(_ value: UInt32, hex: Bool) -> String {
    guard hex else { return String(value) }
    if value == 0 { return "0x0" }
    let digits = String(value, radix: 16, uppercase: true)
    return "0x" + String(repeating: "0", count: max(0, 8 - digits.count)) + digits
  }

  /// An upper-case identifier such as `FWX_E_IS_BUSY`, `ERROR_SUCCESS`, `WSAETIMEDOUT`.
  private static func isName(_ bytes: ArraySlice<UInt8>) -> Bool {
    guard let first = bytes.first, first >= 65, first <= 90, bytes.count >= 3 else { return false }
    return bytes.allSatisfy { ($0 >= 65 && $0 <= 90) || ($0 >= 48 && $0 <= 57) || $0 == 95 }
  }

  private static let byName: [String: UInt32] = Dictionary(
    names.map { ($0.value, $0.key) }, uniquingKeysWith: { first, _ in first })

  /// `Wspfwerr.h` (TMG SDK) plus the Win32 and Winsock codes the TMG result-code page lists.
  private static let names: [UInt32: String] = [
    0: "ERROR_SUCCESS",
    64: "ERROR_NETNAME_DELETED",
    10060: "WSAETIMEDOUT",
    10061: "WSAECONNREFUSED",
    10065: "WSAEHOSTUNREACH",
    11001: "WSAHOST_NOT_FOUND",
    0xC004_0001: "FWX_E_TERMINATING",
    0xC004_0002: "FWX_E_INVALID_ARG",
    0xC004_0003: "FWX_E_ALREADY_IN_BLOCKING_OP",
    0xC004_0004: "FWX_E_NOT_IN_BLOCKING_OP",
    0xC004_0005: "FWX_E_FILTER_NOT_REGISTERED",
    0x8007_00B7: "FWX_E_ALREADY_EXISTS",
    0xC004_0007: "FWX_E_BUFFERFULL",
    0xC004_0009: "FWX_E_ALREADY_EMULATED",
    0xC004_000A: "FWX_E_BAD_CONTEXT",
    0xC004_000B: "FWX_E_NOT_SUPPORTED",
    0xC004_000C: "FWX_E_NOT_AUTHENTICATED",
    0xC004_000D: "FWX_E_POLICY_RULES_DENIED",
    0xC004_000E: "FWX_E_MIME_NEEDED",
    0xC004_000F: "FWX_E_MUST_USE_DS",
    0xC004_0010: "FWX_E_NOT_EMULATED",
    0xC004_0011: "FWX_E_IS_BUSY",
    0xC004_0012: "FWX_E_NETWORK_RULES_DENIED",
    0xC004_0013: "FWX_E_FRAGMENT_PACKET_DROPPED",
    0xC004_0014: "FWX_E_FWE_SPOOFING_PACKET_DROPPED",
    0xC004_0015: "FWX_E_TCPIPDROP_PACKET_DROPPED",
    0xC004_0016: "FWX_E_NO_BACKLOG_PACKET_DROPPED",
    0xC004_0017: "FWX_E_TCP_NOT_SYN_PACKET_DROPPED",
    0xC004_0018: "FWX_E_BAD_LENGTH_PACKET_DROPPED",
    0xC004_0019: "FWX_E_PING_OF_DEATH_PACKET_DROPPED",
    0xC004_001A: "FWX_E_OUT_OF_BAND_PACKET_DROPPED",
    0xC004_001B: "FWX_E_IP_HALF_SCAN_PACKET_DROPPED",
    0xC004_001C: "FWX_E_LAND_ATTACK_DROPPED",
    0xC004_001D: "FWX_E_UDP_BOMB_DROPPED",
    0xC004_001E: "FWX_E_FULLDENY_DROPPED",
    0xC004_001F: "FWX_E_IPOPTIONS_DROPPED",
    0xC004_0020: "FWX_E_UNCOMPLETED_CONNECTION_REQUEST",
    0xC004_0021: "FWX_E_CONNECTION_REQUEST_REJECTED",
    0xC004_0022: "FWX_E_VALIDATE_QUARANTINE_FAILED",
    0xC004_0023: "FWX_E_VPN_CONNECTIONS_LIMIT_EXCEEDED",
    0xC004_0024: "FWX_E_OUT_OF_RESOURCES",
    0xC004_0025: "FWX_E_BROADCAST_PACKET_DROPPED",
    0xC004_0026: "FWX_E_UNKNOWN_ADAPTER_DROPPED",
    0xC004_0027: "FWX_E_ICMP_ERROR_PACKET_DROPPED",
    0xC004_0028: "FWX_E_INVALID_PROTCOL_PACKET_DROPPED",
    0xC004_0029: "FWX_E_PORT_ZERO_PACKET_DROPPED",
    0xC004_002A: "FWX_E_SYN_ATTACK_START",
    0xC004_002B: "FWX_E_SYN_ATTACK_END",
    0xC004_002C: "FWX_E_INVALID_DHCP_OFFER",
    0xC004_002D: "FWX_E_UNREACHABLE_ADDRESS",
    0xC004_002E: "FWX_E_ADDRESS_NOT_ALLOWED",
    0xC004_002F: "FWX_E_IPSEC_NO_ROUTE_DROPPED",
    0xC004_0030: "FWX_E_OUTBOUND_PATH_THROUGH_DROPPED",
    0xC004_0031: "FWX_E_BAD_TCP_CHECKSUM_DROPPED",
    0xC004_0032: "FWX_E_VPN_USER_MAPPING_FAILED",
    0xC004_0033: "FWX_E_RULE_QUOTA_EXCEEDED_DROPPED",
    0xC004_0034: "FWX_E_SEQ_ACK_MISMATCH",
    0xC004_0035: "FWX_E_THREAD_QUOTA_EXCEEDED",
    0xC004_0036: "FWX_E_DNS_QUOTA_EXCEEDED",
    0xC004_0037: "FWX_E_TCP_RATE_QUOTA_EXCEEDED_DROPPED",
    0xC004_0038: "FWX_E_TCP_NO_SERVER_REPLY",
    0xC004_0039: "FWX_E_POLICY_CONNECTION_CLOSED",
    0xC004_003A: "FWX_E_NAT_ADDRESS_NOT_AVAILABLE",
    0xC004_003B: "FWX_E_IPS_BLOCKED",
    0xC004_003C: "FWX_E_IPS_DETECTED",
    0xC004_003D: "FWX_E_CONNECTION_QUARANTINED",
    0xC004_003E: "FWX_E_FW_IPSEC_DROPPED",
    0xC004_003F: "FWX_E_TRANSITION_DROPPED",
    0xC004_0040: "FWX_E_BOTH_ADRESSES_BELONG_TO_SAME_NETWORK",
    0xC004_0041: "FWX_E_UNSUPPORTED_IPV6_DROPPED",
    0xC004_0042: "FWX_E_INVALID_ROUTER_ADV",
    0xC004_0043: "FWX_E_IPV6_ROUTING_HEADER",
    0xC004_0044: "FWE_E_FAIL_TRANSACT_TO_TRANSITION_TO_IPSEC",
    0xC004_0045: "FWE_E_FAIL_TRANSACT_TO_IPSEC",
    0xC004_0046: "FWX_E_UNSUPPORTED_NATPT_DROPPED",
    0xC004_0047: "FWX_E_NIS_LOAD_POLICY_FAILED",
    0xC004_0048: "FWX_E_TCPIP_DROP_FIREWALL_POLICY",
    0xC004_0049: "FWX_E_TCPIP_DROP_IPSEC",
    0xC004_004A: "FWX_E_TCPIP_DROP_INET_SOURCE_UNSPECIFIED",
    0xC004_004B: "FWX_E_TCPIP_DROP_INET_DESTINATION_MULTICAST",
    0xC004_004C: "FWX_E_TCPIP_DROP_INET_HEADER_INVALID",
    0xC004_004D: "FWX_E_TCPIP_DROP_INET_CHECKSUM_INVALID",
    0xC004_004E: "FWX_E_TCPIP_DROP_INET_ENDPOINT_NOT_FOUND",
    0xC004_004F: "FWX_E_TCPIP_DROP_IP_BAD_SOURCE_ADDRESS",
    0xC004_0050: "FWX_E_TCPIP_DROP_IP_NOT_LOCALLY_DESTINED",
    0xC004_0051: "FWX_E_TCPIP_DROP_IP_PROTOCOL_UNREACHABLE",
    0xC004_0052: "FWX_E_TCPIP_DROP_IP_PORT_UNREACHABLE",
    0xC004_0053: "FWX_E_TCPIP_DROP_IP_BAD_LENGTH",
    0xC004_0054: "FWX_E_TCPIP_DROP_IP_MALFORMED_HEADER",
    0xC004_0055: "FWX_E_TCPIP_DROP_IP_NO_ROUTE",
    0xC004_0056: "FWX_E_TCPIP_DROP_IP_BEYOND_SCOPE",
    0xC004_0057: "FWX_E_TCPIP_DROP_IP_INSPECTION_DROP",
    0xC004_0058: "FWX_E_TCPIP_DROP_IP_TOO_MANY_DECAPSULATIONS",
    0xC004_0059: "FWX_E_TCPIP_DROP_IP_ADMINISTRATIVELY_PROHIBITED",
    0xC004_005A: "FWX_E_TCPIP_DROP_IP_HOP_LIMIT_EXCEEDED",
    0xC004_005B: "FWX_E_TCPIP_DROP_IP_ADDRESS_UNREACHABLE",
    0xC004_005C: "FWX_E_TCPIP_DROP_IP_ARBITRATION_UNHANDLED",
    0xC004_005D: "FWX_E_TCPIP_DROP_IP_INSPECTION_ABSORB",
    0xC004_005E: "FWX_E_BLOCKED_COMPUTER_ACCESS",
    0xC004_005F: "FWX_E_IP_NOT_GENERATED_BY_TCPIP",
  ]
}
