import TriageKit

/// Counts ISA Server / Forefront TMG log records into `isa-log` evidence: `records`,
/// `result_codes`, `result_names`, `clients`, the `isa.*` facts and the figures.
struct ISALogTally {
  /// Records read.
  private(set) var records = 0
  /// Records per result-code key.
  private var codes: [String: Int] = [:]
  /// Names of the codes that have one.
  private var names: [String: String] = [:]
  /// Result-code counts per client.
  private var clients: [String: [String: Int]] = [:]
  /// Records per client.
  private var clientRecords: [String: Int] = [:]
  /// Denied or failed records per client.
  private var denied: [String: Int] = [:]
  /// Denied or failed records per code and client, for the figures.
  private var deniedByCode: [String: [String: Int]] = [:]
  /// Denied or failed records in all.
  private var deniedTotal = 0
  /// Result codes, client addresses and actions already read: logs repeat a few values many times.
  private var codeCache: [ArraySlice<UInt8>: ISAResultCode.Code] = [:]
  private var clientCache: [ArraySlice<UInt8>: String] = [:]
  private var actionCache: [ArraySlice<UInt8>: Bool] = [:]

  /// The result code printed as `raw`, or `nil` when it is not one.
  mutating func code(_ raw: ArraySlice<UInt8>) -> ISAResultCode.Code? {
    if let known = codeCache[raw] { return known }
    guard let parsed = ISAResultCode.parse(raw) else { return nil }
    if codeCache.count < 4096 { codeCache[raw] = parsed }
    return parsed
  }

  /// The client address as text.
  mutating func client(_ address: ArraySlice<UInt8>) -> String {
    if let known = clientCache[address] { return known }
    let text = LogBytes.text(address)
    if clientCache.count < 65536 { clientCache[address] = text }
    return text
  }

  /// Whether the action is a denied or failed connection (``ISARecord/isDenied(_:)``).
  mutating func isDenied(_ action: ArraySlice<UInt8>) -> Bool {
    if let known = actionCache[action] { return known }
    let denied = ISARecord.isDenied(action)
    if actionCache.count < 256 { actionCache[action] = denied }
    return denied
  }

  /// Counts one record. `client` is the client address without the port (`nil` when the log has
  /// none); `code` its result code; `denied` whether the record is a denied or failed connection.
  mutating func add(client: String?, code: ISAResultCode.Code?, denied isDenied: Bool) {
    records += 1
    let who = client ?? ""
    if client != nil {
      clientRecords[who, default: 0] += 1
      if clients[who] == nil { clients[who] = [:] }
    }
    if let code {
      codes[code.key, default: 0] += 1
      if let name = code.name, names[code.key] == nil { names[code.key] = name }
      if client != nil { clients[who, default: [:]][code.key, default: 0] += 1 }
    }
    if isDenied {
      deniedTotal += 1
      if client != nil { denied[who, default: 0] += 1 }
      if let code { deniedByCode[code.key, default: [:]][who, default: 0] += 1 }
    }
  }

  /// The evidence; throws when no record was read, so an empty log is never read as "no denials".
  func evidence(format: String, lines: Int, source: String, expected: String) throws(EvidenceError)
    -> Evidence
  {
    guard records > 0 else {
      throw EvidenceError(
        source: source, line: nil, message: "no log records found; expected \(expected)",
        reason: .garbled)
    }
    let codeKeys = Self.byCount(codes)
    return Evidence(
      kind: .isaLog, format: format, fields: fields(codeKeys), facts: facts(),
      figures: figures(codeKeys), lines: lines)
  }

  /// Keys by count, highest first, then by key.
  private static func byCount(_ counts: [String: Int]) -> [String] {
    counts.keys.sorted { lhs, rhs in
      let (left, right) = (counts[lhs, default: 0], counts[rhs, default: 0])
      return left != right ? left > right : lhs < rhs
    }
  }

  /// `records`, `result_codes`, `result_names`, `clients`, in contract order.
  private func fields(_ codeKeys: [String]) -> [(key: String, value: JSONValue)] {
    let counts = { (table: [String: Int]) -> JSONValue in
      .object(Self.byCount(table).map { ($0, .int(table[$0, default: 0])) })
    }
    let perClient: [(key: String, value: JSONValue)] = Self.byCount(clientRecords).map {
      ($0, .object([("result_codes", counts(clients[$0, default: [:]]))]))
    }
    return [
      ("records", .int(records)), ("result_codes", counts(codes)),
      (
        "result_names",
        .object(codeKeys.compactMap { key in names[key].map { (key, .string($0)) } })
      ),
      ("clients", .object(perClient)),
    ]
  }

  /// The `isa.*` facts ``facts()`` gives.
  static let declaredFacts = [
    FactDeclaration("isa.records", .number, unit: "records", "log records read"),
    FactDeclaration(
      "isa.{result-code}", .number, unit: "records",
      "records with that result code (`isa.0xc0040037`: lowercase hex, small codes decimal; every code seen)"
    ),
    FactDeclaration("isa.top-client", .text, "the client IP with the most denied records"),
  ]

  /// `isa.records`, `isa.<code>` for every code, `isa.top-client` when a record was denied.
  private func facts() -> [String: FactValue] {
    var facts: [String: FactValue] = ["isa.records": .number(Double(records))]
    for (key, count) in codes { facts["isa.\(key.lowercased())"] = .number(Double(count)) }
    if let top = denied.max(by: { ($0.value, $1.key) < ($1.value, $0.key) }), top.value > 0 {
      facts["isa.top-client"] = .string(top.key)
    }
    return facts
  }

  /// Up to three codes of denied records (of all records when none was denied), with the client
  /// that sent most of them, then the totals.
  private func figures(_ codeKeys: [String]) -> [String] {
    let deniedCounts = deniedByCode.mapValues { $0.values.reduce(0, +) }
    let shown = deniedCounts.isEmpty ? codeKeys : Self.byCount(deniedCounts)
    var figures: [String] = []
    for key in shown.prefix(3) {
      let perClient = deniedByCode[key] ?? clients.compactMapValues { $0[key] }
      let count = deniedCounts[key] ?? codes[key, default: 0]
      var figure = "\(FactValue.grouped(count)) × \(key)"
      if let name = names[key] { figure += " \(name)" }
      let senders = Self.byCount(perClient.filter { !$0.key.isEmpty })
      if let first = senders.first {
        figure += " from \(first)"
        if senders.count > 1 {
          let more = senders.count - 1
          figure +=
            " (\(FactValue.grouped(perClient[first, default: 0]))) and \(more) more client\(more == 1 ? "" : "s")"
        }
      }
      figures.append(figure)
    }
    let clientCount = clientRecords.count
    figures.append(
      "\(FactValue.grouped(records)) record\(records == 1 ? "" : "s"), "
        + "\(FactValue.grouped(deniedTotal)) denied or failed, "
        + "\(FactValue.grouped(clientCount)) client\(clientCount == 1 ? "" : "s")")
    return figures
  }
}
