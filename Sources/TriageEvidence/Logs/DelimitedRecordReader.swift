/// Reads delimited records (RFC 4180 CSV, or tab- or semicolon-separated) one line at a time, so
/// a quoted field may hold line ends: Event Viewer's "Save as CSV" and PowerShell's `Export-Csv`
/// put multi-line messages in quotes.
///
/// A quoted field starts with `"`; `""` inside it is one `"`; text after the closing quote up to
/// the next delimiter is kept (some tools write `"a"b`). A line end inside quotes becomes `\n` in
/// the field and the record goes on with the next line.
struct DelimitedRecordReader {
  /// The separator byte: `,`, tab or `;`.
  let delimiter: UInt8

  private var fields: [String] = []
  private var field: [UInt8] = []
  private var inQuotes = false
  private var wasQuoted = false
  private var open = false
  /// The line where the record under way started.
  private(set) var startLine = 0

  init(delimiter: UInt8) {
    self.delimiter = delimiter
  }

  /// Whether a quoted field is still open (at the end of the input: it was never closed).
  var isInsideQuotes: Bool { inQuotes }

  /// Feeds one line; returns the record when it ends on this line (outside quotes), with the line
  /// where it started. Fields are not trimmed.
  mutating func feed(_ line: EvidenceLine) -> (fields: [String], line: Int)? {
    if !open {
      open = true
      startLine = line.number
      fields = []
      field = []
      wasQuoted = false
    } else if inQuotes {
      field.append(10)
    }
    let quote = UInt8(ascii: "\"")
    var index = line.bytes.startIndex
    let end = line.bytes.endIndex
    while index < end {
      let byte = line.bytes[index]
      if inQuotes {
        if byte == quote {
          if index + 1 < end, line.bytes[index + 1] == quote {
            field.append(quote)
            index += 2
            continue
          }
          inQuotes = false
        } else {
          field.append(byte)
        }
      } else if byte == delimiter {
        endField()
      } else if byte == quote, field.allSatisfy({ $0 == 32 }), !wasQuoted {
        field.removeAll(keepingCapacity: true)
        inQuotes = true
        wasQuoted = true
      } else {
        field.append(byte)
      }
      index += 1
    }
    guard !inQuotes else { return nil }
    endField()
    open = false
    return (fields, startLine)
  }

  private mutating func endField() {
    fields.append(String(decoding: field, as: UTF8.self))
    field.removeAll(keepingCapacity: true)
    wasQuoted = false
  }
}
