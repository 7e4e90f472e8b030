/// A fact an evidence importer or a probe can give: its name, type, unit and meaning.
///
/// A name may end in one placeholder in braces (`isa.{result-code}`) for a family of facts named
/// after what was seen; the placeholder stands for a word of lowercase letters and digits that
/// begins with a digit (`isa.0xc0040037`, `isa.10060`), so it never claims a named fact of the
/// same namespace (`isa.records`).
public struct FactDeclaration: Hashable, Sendable {
  /// The name: `tcp.syn-sent`, or a family such as `isa.{result-code}`.
  public var name: String
  /// The type of its value.
  public var type: FactType
  /// The unit, when it has one (`connections`, `s`, `ports`), for the facts table.
  public var unit: String?
  /// One line: what it means.
  public var meaning: String

  /// A fact called `name` of `type`, in `unit`, meaning `meaning`.
  public init(_ name: String, _ type: FactType, unit: String? = nil, _ meaning: String) {
    self.name = name
    self.type = type
    self.unit = unit
    self.meaning = meaning
  }

  /// The part before the first dot: `tcp`, `isa`.
  public var namespace: String {
    String(name.prefix { $0 != "." })
  }

  /// Whether this declares a family of names (its name ends in a `{placeholder}`).
  public var isFamily: Bool {
    name.hasSuffix("}") && name.contains("{")
  }

  /// Whether `fact` is this fact, or one of its family.
  public func matches(_ fact: String) -> Bool {
    guard isFamily, let open = name.firstIndex(of: "{") else { return fact == name }
    let prefix = name[..<open]
    guard fact.hasPrefix(prefix) else { return false }
    let word = fact.dropFirst(prefix.count).unicodeScalars
    guard let first = word.first, first >= "0" && first <= "9" else { return false }
    return word.allSatisfy { ($0 >= "0" && $0 <= "9") || ($0 >= "a" && $0 <= "z") }
  }
}
