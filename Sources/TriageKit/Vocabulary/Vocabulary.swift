import Foundation

/// The facts evidence and probes can give and the probes a knowledge base can name: declared by the
/// importers and probes themselves, assembled once by the command line and handed to the loader,
/// which keeps it with the knowledge base for the linter.
public struct Vocabulary: Hashable, Sendable {
  /// A declared fact with the names of what gives it (`netstat`, `census probe`).
  public struct Entry: Hashable, Sendable {
    /// The declaration (the first one given, when several sources declare the same name).
    public var declaration: FactDeclaration
    /// What gives it, in the order the sources were given.
    public var sources: [String]
  }

  /// Every declared fact, in the order first declared.
  public private(set) var entries: [Entry] = []
  /// Every probe a probe step may name.
  public private(set) var probes: [ProbeDeclaration] = []
  /// Names declared twice with different types or meanings: `name (source a, source b)`.
  public private(set) var conflicts: [String] = []

  /// The vocabulary of `sources` (each a name and the facts it declares) and `probes`, whose facts
  /// join under `<name> probe`.
  public init(sources: [(name: String, facts: [FactDeclaration])], probes: [ProbeDeclaration]) {
    self.probes = probes
    var index: [String: Int] = [:]
    let all = sources + probes.map { (name: "\($0.name) probe", facts: $0.facts) }
    for (source, facts) in all {
      for fact in facts {
        if let at = index[fact.name] {
          if entries[at].declaration.type != fact.type {
            conflicts.append(
              "'\(fact.name)' is \(entries[at].declaration.type.rawValue) for \(entries[at].sources[0]) but \(fact.type.rawValue) for \(source)"
            )
          }
          if !entries[at].sources.contains(source) { entries[at].sources.append(source) }
        } else {
          index[fact.name] = entries.count
          entries.append(Entry(declaration: fact, sources: [source]))
        }
      }
    }
  }

  /// The declaration `fact` answers to (exact names first, then families).
  public func declaration(of fact: String) -> FactDeclaration? {
    entries.first { $0.declaration.name == fact }?.declaration
      ?? entries.first { $0.declaration.isFamily && $0.declaration.matches(fact) }?.declaration
  }

  /// Whether `fact` is declared.
  public func declares(_ fact: String) -> Bool {
    declaration(of: fact) != nil
  }

  /// The declared name nearest to a misspelt `fact`, for "did you mean".
  public func suggestion(for fact: String) -> String? {
    NearestMatch.suggestion(
      for: fact, among: entries.map(\.declaration.name).filter { !$0.contains("{") })
  }

  /// The probe called `name`.
  public func probe(_ name: String) -> ProbeDeclaration? {
    probes.first { $0.name == name }
  }

  /// The facts as a Markdown table (`fact | type | unit | from | meaning`), docs/evidence.md's.
  public var markdownTable: String {
    var lines = ["| fact | type | unit | from | meaning |", "|---|---|---|---|---|"]
    for entry in entries {
      let fact = entry.declaration
      let cells = [
        "`\(fact.name)`", fact.type.rawValue, fact.unit ?? "",
        entry.sources.joined(separator: ", "),
        fact.meaning.replacingOccurrences(of: "|", with: "\\|"),
      ]
      lines.append("| " + cells.joined(separator: " | ") + " |")
    }
    return lines.joined(separator: "\n") + "\n"
  }
}
