import TriageKit

/// Reads `netsh int ipv4 show dynamicport tcp` (Windows Vista and later) into the `limits.port-range-*`
/// facts the limits probe gives on Linux, so one knowledge base reads both.
///
/// ```
/// Protocol tcp Dynamic Port Range
/// ---------------------------------
/// Start Port      : 49152
/// Number of Ports : 16384
/// ```
public enum DynamicPortRangeReader {
  /// The observation kind.
  public static let kind = "dynamicport"

  /// The range in `text`; throws naming the line when a field is not a number, or when the
  /// output has neither field.
  public static func read(_ text: EvidenceText) throws(EvidenceError) -> Observation {
    var start: Int?
    var count: Int?
    var protocolName = "tcp"
    for line in text.lines {
      let content = line.text.trimmingCharacters(in: .whitespaces)
      if content.hasPrefix("Protocol "), content.hasSuffix("Dynamic Port Range") {
        protocolName = String(content.split(separator: " ").dropFirst().first ?? "tcp")
        continue
      }
      guard let colon = content.firstIndex(of: ":") else { continue }
      let key = content[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
      let value = content[content.index(after: colon)...].trimmingCharacters(in: .whitespaces)
      // "Number of Ports" since Vista; "Port Count" in some copies.
      guard key == "start port" || key == "number of ports" || key == "port count" else {
        continue
      }
      guard let number = Int(value), number >= 0, number <= 65535 else {
        throw EvidenceError(
          source: text.source, line: line.number,
          column: (content.distance(from: content.startIndex, to: colon)) + 3,
          message:
            "expected a port number after '\(content[..<colon].trimmingCharacters(in: .whitespaces))', found '\(value)'"
        )
      }
      if key == "start port" { start = number } else { count = number }
    }
    guard let start, let count else {
      throw EvidenceError(
        source: text.source, line: nil,
        message:
          "expected 'Start Port' and 'Number of Ports' lines (the output of 'netsh int ipv4 show dynamicport tcp')",
        reason: start == nil && count == nil ? .unrecognised : .truncated)
    }
    let high = min(65535, start + max(count, 1) - 1)
    var figures = [
      "dynamic \(protocolName.uppercased()) ports \(start)–\(high) (\(FactValue.grouped(count)) ports)"
    ]
    if start == 49152 && count == 16384 {
      figures.append("the default since Windows Vista / Server 2008")
    } else if start == 1025 && count <= 3976 {
      figures.append("the old Windows 2003 / XP range (1025–5000)")
    }
    return Observation(
      origin: .evidence, kind: kind, format: "netsh-dynamicport",
      label: text.source,
      facts: [
        "limits.port-range-low": .number(Double(start)),
        "limits.port-range-high": .number(Double(high)),
        "limits.port-range-size": .number(Double(count)),
      ],
      figures: figures, raw: String(decoding: text.bytes, as: UTF8.self))
  }
}
