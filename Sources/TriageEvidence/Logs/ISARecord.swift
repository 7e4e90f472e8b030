import TriageKit

/// One ISA/TMG log record: which columns hold the client, the result code and the action, and how
/// a record is counted. Shared by the W3C and the text importers.
enum ISARecord {
  /// Column positions, from the names of a `#Fields:` line or a log-viewer header (compact keys:
  /// `originalclientip`, `resultcode`).
  struct Columns {
    var client: Int?
    var originalClient: Int?
    var code: Int?
    var action: Int?
    /// ISA Server 2000's packet filter log: `s-filter-rule`, 0 for a dropped packet, 1 for one
    /// let through.
    var filterRule: Int?

    init(client: Int?, originalClient: Int?, code: Int?, action: Int?) {
      self.client = client
      self.originalClient = originalClient
      self.code = code
      self.action = action
    }

    init(names: [String]) {
      let column = { (keys: [String]) -> Int? in
        for key in keys { if let index = names.firstIndex(of: key) { return index } }
        return nil
      }
      client = column(["source", "clientip", "clientipandport", "cip", "sourceip", "clientaddress"])
      originalClient = column(["originalclientip"])
      code = column(["status", "resultcode", "scstatus", "httpstatuscode"])
      action = column(["action"])
      filterRule = column(["sfilterrule"])
      // In ISA 2000's packet filter log `r-ip` is the source; in its Web Proxy and Firewall logs
      // it is the remote server, so only a packet filter log reads it as the client.
      if filterRule != nil, client == nil { client = column(["rip"]) }
    }
  }

  /// Counts the record in `fields` (trimmed); throws when its result code cannot be read.
  static func add(
    fields: [ArraySlice<UInt8>], columns: Columns, to tally: inout ISALogTally, line: Int,
    source: String
  ) throws(EvidenceError) {
    let value = { (index: Int?) -> ArraySlice<UInt8>? in
      guard let index, index < fields.count else { return nil }
      let field = fields[index]
      return field.isEmpty || field.elementsEqual("-".utf8) ? nil : field
    }
    var code: ISAResultCode.Code?
    if let raw = value(columns.code) {
      guard let parsed = tally.code(raw) else {
        throw EvidenceError(
          source: source, line: line,
          message:
            "expected a result code such as '0xc0040037' or '10060', found '\(LogBytes.quoted(raw))'"
        )
      }
      code = parsed
    }
    let address = (value(columns.client) ?? value(columns.originalClient)).map(addressBytes)
    let client = address.map { tally.client($0) }
    let denied: Bool
    if let rule = value(columns.filterRule) {
      denied = rule.elementsEqual("0".utf8)
    } else if let action = value(columns.action) {
      denied = tally.isDenied(action)
    } else {
      denied = code?.isFailure ?? false
    }
    tally.add(client: client, code: code, denied: denied)
  }

  /// Whether an action reads as a denied or failed connection: `Denied`, `Denied Connection`,
  /// `Failed`, `Failed Connection Attempt`, `Unsuccessful…`, `Blocked`.
  static func isDenied(_ action: ArraySlice<UInt8>) -> Bool {
    LogBytes.contains(action, lowercase: "denied") || LogBytes.contains(action, lowercase: "fail")
      || LogBytes.contains(action, lowercase: "unsuccessful")
      || LogBytes.contains(action, lowercase: "block")
  }

  /// The address part of `10.0.0.5:50321`, `10.0.0.5`, `[fe80::1]:139` or `fe80::1`.
  static func addressBytes(_ bytes: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
    if bytes.first == UInt8(ascii: "["), let close = bytes.firstIndex(of: UInt8(ascii: "]")) {
      return bytes[(bytes.startIndex + 1)..<close]
    }
    var colons = 0
    var last = bytes.endIndex
    for index in bytes.indices where bytes[index] == UInt8(ascii: ":") {
      colons += 1
      last = index
    }
    return colons == 1 ? bytes[bytes.startIndex..<last] : bytes
  }

  /// The address of `10.0.0.5:50321`, `10.0.0.5`, `[fe80::1]:139` or `fe80::1`.
  static func address(_ bytes: ArraySlice<UInt8>?) -> String? {
    guard let bytes, !bytes.isEmpty else { return nil }
    if Bytes.ipv4(bytes) != nil { return LogBytes.text(bytes) }
    if let endpoint = Bytes.endpoint(bytes),
      Bytes.ipv4(endpoint.address) != nil
        || bytes.first == UInt8(ascii: "[")
    {
      return LogBytes.text(endpoint.address)
    }
    return LogBytes.text(bytes)
  }
}
