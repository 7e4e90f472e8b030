import TriageKit

/// The text of `/proc/net/tcp` and `/proc/net/tcp6` as socket records.
///
/// Each line after the header is `sl: local rem st …`: addresses in hex as the kernel keeps them
/// (each 32-bit word in host byte order, so on x86 `0100007F` is 127.0.0.1), ports in hex, and the
/// state as a hex Linux state code.
enum ProcNetTCP {
  /// The records of one file's text; `file` names it in errors.
  static func parse(
    _ text: String, file: String, littleEndianHost: Bool = IPAddressText.hostIsLittleEndian
  ) throws(ObservationError) -> [TCPSocketRecord] {
    var records: [TCPSocketRecord] = []
    for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false)
      .enumerated()
    {
      let lineNumber = index + 1
      let fields = rawLine.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" })
      if fields.isEmpty { continue }
      if lineNumber == 1, fields.first == "sl" { continue }
      guard fields.count >= 4, fields[0].hasSuffix(":") else {
        throw .malformed(
          file: file, line: lineNumber,
          expected: "'sl: local_address rem_address st …'", found: String(rawLine.prefix(80)))
      }
      let local = try endpoint(
        fields[1], file: file, line: lineNumber, littleEndian: littleEndianHost)
      let remote = try endpoint(
        fields[2], file: file, line: lineNumber, littleEndian: littleEndianHost)
      guard let code = Int(fields[3], radix: 16), let state = TCPState(linuxCode: code) else {
        throw .malformed(
          file: file, line: lineNumber, expected: "a hex TCP state code ('01'…'0C')",
          found: String(fields[3]))
      }
      records.append(
        TCPSocketRecord(
          state: state, localAddress: local.address, localPort: local.port,
          remoteAddress: remote.address, remotePort: remote.port))
    }
    return records
  }

  private static func endpoint(
    _ field: Substring, file: String, line: Int, littleEndian: Bool
  ) throws(ObservationError) -> (address: String, port: Int) {
    let parts = field.split(separator: ":")
    guard parts.count == 2,
      let bytes = IPAddressText.procHexBytes(parts[0], littleEndianHost: littleEndian),
      let address = IPAddressText.format(bytes),
      parts[1].count == 4, let port = Int(parts[1], radix: 16)
    else {
      throw .malformed(
        file: file, line: line,
        expected: "a hex address and port like '0100007F:0277'", found: String(field))
    }
    return (address, port)
  }
}
