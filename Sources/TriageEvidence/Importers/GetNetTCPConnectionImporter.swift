import TriageKit

/// Reads PowerShell's `Get-NetTCPConnection` in its table format (`LocalAddress LocalPort
/// RemoteAddress RemotePort State AppliedSetting [OwningProcess]`, states such as `Established`,
/// `SynSent`, `TimeWait`, `Listen`, `Bound`), its list format (`Format-List`: `LocalAddress  :
/// 10.0.0.5` blocks) and `Get-NetTCPConnection | Group-Object State` (counts only).
///
/// Table columns are found from the header and its dashes, so `Select-Object` reorderings and
/// right-aligned numbers read the same; an empty `AppliedSetting` is just an empty column.
public enum GetNetTCPConnectionImporter: EvidenceImporter {
  public static let kind = EvidenceKind.getNetTCPConnection
  public static let summary =
    "PowerShell Get-NetTCPConnection (table, Format-List, Group-Object State)"

  public static func recognition(of text: EvidenceText) -> Int {
    var buffer = FieldBuffer()
    var listKeys: Set<Int> = []
    var group: (count: Int, name: Int)?
    for (index, line) in ConnectionRows.head(of: text, limit: 40).enumerated() {
      let later = min(index, 15)  // the earliest header wins when outputs are pasted together
      buffer.split(line.bytes)
      let fields = buffer.fields
      if TableColumns(header: line, fields: fields) != nil { return 95 - later }
      if let key = listKey(line)?.key,
        let property = properties.firstIndex(where: { ConnectionRows.equals(key, $0) })
      {
        // Three distinct properties, one of them a connection's own (Test-NetConnection's list
        // has RemoteAddress and RemotePort too, block after block).
        listKeys.insert(property)
        if listKeys.count >= 3, listKeys.contains(1) || listKeys.contains(4) { return 90 - later }
        continue
      }
      if let found = groupHeader(fields) {
        group = found
      } else if let group, fields.count > max(group.count, group.name),
        Bytes.int(fields[group.count]) != nil, ConnectionRows.state(fields[group.name]) != nil
      {
        return 80 - later
      }
    }
    return 0
  }

  public static func read(_ text: EvidenceText) throws(EvidenceError) -> Evidence {
    var reader = Reader(text: text)
    for line in text.lines {
      try reader.read(line)
    }
    return try reader.finish()
  }

  // MARK: - Reading

  /// One pass over the lines; the first table header, list property or `Count Name` header decides
  /// the format.
  private struct Reader {
    enum Format {
      case table(TableColumns)
      case list
      case group(count: Int, name: Int)
    }

    let text: EvidenceText
    var tally = ConnectionTally()
    var buffer = FieldBuffer()
    var format: Format?
    var header: EvidenceLine?
    var record = ListRecord()
    var lastLine = 0

    init(text: EvidenceText) {
      self.text = text
    }

    mutating func read(_ line: EvidenceLine) throws(EvidenceError) {
      lastLine = line.number
      buffer.split(line.bytes)
      let fields = buffer.fields
      if fields.isEmpty {
        if case .list = format { try finishRecord() }
        return
      }
      if let columns = TableColumns(header: line, fields: fields) {
        try finishRecord()
        format = .table(columns)
        header = header ?? line
        return
      }
      if fields.allSatisfy({ $0.allSatisfy { $0 == UInt8(ascii: "-") } }) {
        if case .table(var columns) = format {
          columns.align(toDashes: fields, of: line)
          format = .table(columns)
        }
        return
      }
      switch format {
      case .table(let columns):
        try readTableRow(fields, columns: columns, line: line)
      case .list:
        try readListLine(line)
      case .group(let count, let name):
        try readGroupRow(fields, count: count, name: name, line: line)
      case nil:
        if let group = GetNetTCPConnectionImporter.groupHeader(fields) {
          format = .group(count: group.count, name: group.name)
          header = line
          tally.listsEndpoints = false
        } else if let key = GetNetTCPConnectionImporter.listKey(line)?.key,
          GetNetTCPConnectionImporter.properties.contains(where: { ConnectionRows.equals(key, $0) })
        {
          format = .list
          try readListLine(line)
        }
      // Anything else before the output (a prompt, a banner) is not read.
      }
    }

    mutating func finish() throws(EvidenceError) -> Evidence {
      try finishRecord()
      guard tally.hasTCPRows else {
        throw ConnectionRows.noConnections(
          in: text, header: header, udpRows: 0, example: GetNetTCPConnectionImporter.example)
      }
      let name: String
      switch format {
      case .list: name = "get-nettcpconnection-list"
      case .group: name = "get-nettcpconnection-group-object"
      default: name = "get-nettcpconnection-table"
      }
      return tally.evidence(kind: GetNetTCPConnectionImporter.kind, format: name, lines: lastLine)
    }

    // MARK: Table

    mutating func readTableRow(
      _ fields: [ArraySlice<UInt8>], columns: TableColumns, line: EvidenceLine
    ) throws(EvidenceError) {
      var values = RowValues()
      let nonASCII = line.bytes.contains { $0 >= 0x80 }
      for field in fields {
        let start = TableColumns.offset(of: field.startIndex, in: line, nonASCII: nonASCII)
        let end = TableColumns.offset(of: field.endIndex, in: line, nonASCII: nonASCII)
        values.set(columns.names[columns.column(from: start, to: end)], to: field)
      }
      let endpoints = columns.names.contains(.remoteAddress) || columns.names.contains(.remotePort)
      try add(values, line: line, endpointsSelected: endpoints)
    }

    // MARK: List

    mutating func readListLine(_ line: EvidenceLine) throws(EvidenceError) {
      if let first = line.bytes.first, first == 32 || first == 9, record.first != nil {
        record.last = line  // a long value wrapped onto the next line
        return
      }
      guard let (key, value) = GetNetTCPConnectionImporter.listKey(line) else {
        throw ConnectionRows.rowError(
          "expected a property such as 'State          : Established', found '\(ConnectionRows.shown(line.trimmed))'",
          line: line, at: line.trimmed, in: text)
      }
      let column = TableColumns.name(of: key)
      if column == .localAddress, record.values.hasAny { try finishRecord() }
      if record.first == nil { record.first = line }
      record.last = line
      record.values.set(column, to: value)
    }

    mutating func finishRecord() throws(EvidenceError) {
      guard let first = record.first, let last = record.last else { return }
      let values = record.values
      record = ListRecord()
      try add(
        values, line: last, recordStart: first,
        endpointsSelected: values.remoteAddress != nil || values.remotePort != nil
          || values.state == nil)
    }

    // MARK: Group-Object

    mutating func readGroupRow(
      _ fields: [ArraySlice<UInt8>], count: Int, name: Int, line: EvidenceLine
    ) throws(EvidenceError) {
      guard fields.count > max(count, name) else {
        throw ConnectionRows.rowError(
          "expected a count and a state name such as '  12 SynSent'; found \(fields.count) columns",
          line: line, in: text)
      }
      guard let number = Bytes.int(fields[count]) else {
        throw ConnectionRows.rowError(
          "expected a count, found '\(ConnectionRows.shown(fields[count]))'", line: line,
          at: fields[count], in: text)
      }
      if ConnectionRows.isBound(fields[name]) {
        tally.addBound(count: number)
        return
      }
      guard let state = ConnectionRows.state(fields[name]) else {
        throw ConnectionRows.rowError(
          "expected a state such as Established or SynSent, found '\(ConnectionRows.shown(fields[name]))'",
          line: line, at: fields[name], in: text)
      }
      tally.addTCP(state: state, count: number)
    }

    // MARK: Rows

    /// Counts one connection. `endpointsSelected` is false for output whose `Select-Object` left
    /// the remote endpoint out (a header, or a list record with a State, without RemoteAddress
    /// and RemotePort): its state still counts, its endpoints are unknown.
    mutating func add(
      _ values: RowValues, line: EvidenceLine, recordStart: EvidenceLine? = nil,
      endpointsSelected: Bool = true
    ) throws(EvidenceError) {
      let place = recordStart.map { " (the record from line \($0.number))" } ?? ""
      var address = values.remoteAddress
      var portField = values.remotePort
      if !endpointsSelected, address == nil, portField == nil {
        address = ArraySlice()
        portField = ArraySlice("0".utf8)
      }
      guard let address else {
        throw ConnectionRows.rowError("expected a RemoteAddress\(place)", line: line, in: text)
      }
      guard let portField else {
        throw ConnectionRows.rowError("expected a RemotePort\(place)", line: line, in: text)
      }
      guard let stateField = values.state else {
        throw ConnectionRows.rowError("expected a State\(place)", line: line, in: text)
      }
      let bound = ConnectionRows.isBound(stateField)
      let state = bound ? nil : ConnectionRows.state(stateField)
      guard bound || state != nil else {
        throw ConnectionRows.rowError(
          "expected a state such as Established or SynSent, found '\(ConnectionRows.shown(stateField))'",
          line: line, at: stateField, in: text)
      }
      guard let port = Bytes.int(portField), port <= 65535 else {
        throw ConnectionRows.rowError(
          "expected a port number, found '\(ConnectionRows.shown(portField))'", line: line,
          at: portField, in: text)
      }
      var pid: Int?
      if let pidField = values.owningProcess {
        guard let value = Bytes.int(pidField) else {
          throw ConnectionRows.rowError(
            "expected a process id, found '\(ConnectionRows.shown(pidField))'", line: line,
            at: pidField, in: text)
        }
        pid = value
        tally.listsProcesses = true
      }
      guard let state else {
        tally.addBound(pid: pid)
        return
      }
      if address.isEmpty, values.remoteAddress == nil {
        if state != .listen { tally.listsEndpoints = false }
        tally.add(state: state, remoteAddress: address, remotePort: nil, pid: pid)
        return
      }
      tally.addTCP(state: state, remoteAddress: address, remotePort: port, pid: pid)
    }
  }

  /// A `Format-List` record being read.
  private struct ListRecord {
    var first: EvidenceLine?
    var last: EvidenceLine?
    var values = RowValues()
  }

  /// The values of one connection that matter here.
  struct RowValues {
    var remoteAddress: ArraySlice<UInt8>?
    var remotePort: ArraySlice<UInt8>?
    var state: ArraySlice<UInt8>?
    var owningProcess: ArraySlice<UInt8>?
    var hasAny = false

    mutating func set(_ column: Column, to value: ArraySlice<UInt8>) {
      hasAny = true
      switch column {
      case .remoteAddress: if remoteAddress == nil { remoteAddress = value }
      case .remotePort: if remotePort == nil { remotePort = value }
      case .state: if state == nil { state = value }
      case .owningProcess: if owningProcess == nil { owningProcess = value }
      case .localAddress, .other: break
      }
    }
  }

  /// The properties read; others (`LocalPort`, `AppliedSetting`, `CreationTime`…) are skipped.
  enum Column {
    case localAddress, remoteAddress, remotePort, state, owningProcess, other
  }

  /// Where a table's columns start, from its header and the dashes under it.
  struct TableColumns {
    /// Character offset of each column's first character.
    var starts: [Int]
    /// Character offset after each column's last dash, once the dashes under the header are read.
    var ends: [Int]?
    /// What each column holds.
    var names: [Column]

    /// The columns of a header line, or `nil` unless it is Get-NetTCPConnection's.
    init?(header line: EvidenceLine, fields: [ArraySlice<UInt8>]) {
      guard fields.count >= 3,
        fields.contains(where: {
          ConnectionRows.equals($0, GetNetTCPConnectionImporter.localAddress)
        }),
        fields.contains(where: { ConnectionRows.equals($0, GetNetTCPConnectionImporter.localPort) })
          || fields.contains(where: {
            ConnectionRows.equals($0, GetNetTCPConnectionImporter.remoteAddress)
          })
      else { return nil }
      starts = fields.map { line.column(of: $0) - 1 }
      names = fields.map(Self.name(of:))
    }

    /// Takes the column starts from the dashes when there is one run of dashes per column.
    mutating func align(toDashes dashes: [ArraySlice<UInt8>], of line: EvidenceLine) {
      guard dashes.count == starts.count else { return }
      starts = dashes.map { line.column(of: $0) - 1 }
      ends = dashes.map { line.column(of: $0) - 1 + $0.count }
    }

    /// The column of a value spanning character offsets `start..<end`: the one whose dashes it
    /// overlaps most (a right-aligned `Established` reaches left of its header), else the one
    /// holding its middle.
    func column(from start: Int, to end: Int) -> Int {
      if let ends {
        var best: (column: Int, overlap: Int)?
        for column in starts.indices {
          let overlap = min(end, ends[column]) - max(start, starts[column])
          if overlap > (best?.overlap ?? 0) { best = (column, overlap) }
        }
        if let best { return best.column }
      }
      return column(at: (start + end - 1) / 2)
    }

    /// The column holding character offset `offset`.
    func column(at offset: Int) -> Int {
      var column = 0
      while column + 1 < starts.count, starts[column + 1] <= offset { column += 1 }
      return column
    }

    static func name(of field: ArraySlice<UInt8>) -> Column {
      if ConnectionRows.equals(field, GetNetTCPConnectionImporter.localAddress) {
        return .localAddress
      }
      if ConnectionRows.equals(field, GetNetTCPConnectionImporter.remoteAddress) {
        return .remoteAddress
      }
      if ConnectionRows.equals(field, GetNetTCPConnectionImporter.remotePort) { return .remotePort }
      if ConnectionRows.equals(field, GetNetTCPConnectionImporter.state) { return .state }
      if ConnectionRows.equals(field, GetNetTCPConnectionImporter.owningProcess) {
        return .owningProcess
      }
      return .other
    }

    /// The character offset of byte `index` of `line` (bytes and characters differ only on lines
    /// with non-ASCII text, where UTF-8 continuation bytes are not counted).
    static func offset(of index: Int, in line: EvidenceLine, nonASCII: Bool) -> Int {
      guard nonASCII else { return index - line.bytes.startIndex }
      return line.bytes[line.bytes.startIndex..<index].reduce(0) { $1 & 0xC0 == 0x80 ? $0 : $0 + 1 }
    }
  }

  /// `Key : value` of a `Format-List` line, or `nil`.
  static func listKey(_ line: EvidenceLine) -> (key: ArraySlice<UInt8>, value: ArraySlice<UInt8>)? {
    guard let colon = line.bytes.firstIndex(of: UInt8(ascii: ":")) else { return nil }
    let key = Bytes.trim(line.bytes[line.bytes.startIndex..<colon])
    guard !key.isEmpty, !key.contains(32), !key.contains(9),
      key.allSatisfy({ ($0 | 0x20) >= 0x61 && ($0 | 0x20) <= 0x7A })
    else { return nil }
    return (key, Bytes.trim(line.bytes[(colon + 1)...]))
  }

  /// The columns of `Group-Object`'s `Count Name [Group]` header (or `Name Count`), or `nil`.
  static func groupHeader(_ fields: [ArraySlice<UInt8>]) -> (count: Int, name: Int)? {
    guard fields.count >= 2, fields.count <= 3 else { return nil }
    let count = fields.firstIndex { ConnectionRows.equals($0, countColumn) }
    let name = fields.firstIndex { ConnectionRows.equals($0, nameColumn) }
    guard let count, let name, count < 2, name < 2 else { return nil }
    return (count, name)
  }

  static let localAddress = Array("LocalAddress".utf8)
  static let localPort = Array("LocalPort".utf8)
  static let remoteAddress = Array("RemoteAddress".utf8)
  static let remotePort = Array("RemotePort".utf8)
  static let state = Array("State".utf8)
  static let owningProcess = Array("OwningProcess".utf8)
  static let properties = [
    localAddress, localPort, remoteAddress, remotePort, state, owningProcess,
  ]
  private static let countColumn = Array("Count".utf8)
  private static let nameColumn = Array("Name".utf8)
  static let example = "10.0.0.5   52312   10.0.0.9   445   SynSent   Internet"

  /// The facts it gives.
  public static let facts = SharedFacts.connections

  public static let examples: [ImporterExample] = [
    ImporterExample(
      "Get-NetTCPConnection during a sweep",
      input: """
        PS C:\\> Get-NetTCPConnection

        LocalAddress                        LocalPort RemoteAddress                       RemotePort State       AppliedSetting OwningProcess
        ------------                        --------- -------------                       ---------- -----       -------------- -------------
        10.0.0.5                            52312     10.0.0.9                            445        SynSent     Internet       2212
        10.0.0.5                            52313     10.0.0.10                           445        SynSent     Internet       2212
        10.0.0.5                            52100     10.0.0.9                            445        TimeWait                   0
        0.0.0.0                             49301     0.0.0.0                             0          Bound                      2212
        ::                                  445       ::                                  0          Listen                     4
        """,
      facts: [
        "tcp.connections": .number(3), "tcp.syn-sent": .number(2), "tcp.syn-sent-smb": .number(2),
        "tcp.time-wait": .number(1), "tcp.closed": .number(0), "tcp.listen": .number(1),
        "tcp.remote-hosts": .number(2),
      ]),
    ImporterExample(
      "Format-List",
      input: """
        LocalAddress   : 10.0.0.5
        LocalPort      : 50200
        RemoteAddress  : 10.0.0.9
        RemotePort     : 445
        State          : Established
        AppliedSetting : Internet
        OwningProcess  : 4

        LocalAddress   : 10.0.0.5
        LocalPort      : 50201
        RemoteAddress  : fe80::1%12
        RemotePort     : 139
        State          : SynSent
        AppliedSetting : Internet
        OwningProcess  : 4
        """,
      facts: [
        "tcp.established-smb": .number(1), "tcp.syn-sent-smb": .number(1),
        "tcp.connections": .number(2), "tcp.remote-hosts": .number(2),
      ]),
    ImporterExample(
      "Group-Object State: counts only",
      input: """
        Count Name                      Group
        ----- ----                      -----
         1214 TimeWait                  {MSFT_NetTCPConnection (InstanceID = "10.0.0.5++52100++10...
           11 SynSent                   {MSFT_NetTCPConnection (InstanceID = "10.0.0.5++52312++10...
           40 Established               {MSFT_NetTCPConnection (InstanceID = "10.0.0.5++49800++10...
           12 Listen                    {MSFT_NetTCPConnection (InstanceID = "::++445++::++0"), M...
        """,
      facts: [
        "tcp.connections": .number(1265), "tcp.time-wait": .number(1214),
        "tcp.syn-sent": .number(11), "tcp.listen": .number(12),
      ]),
  ]
}
