import Foundation
import Yams

/// A YAML node with its place in a file, and typed reads that report what was expected where.
///
/// Loaders of the knowledge base and of answer files read through this so every message names
/// `file:line:column`.
struct YAMLValue {
  let node: Yams.Node
  let file: String

  var location: SourceLocation {
    let mark = node.mark
    return SourceLocation(file: file, line: mark?.line ?? 1, column: mark?.column ?? 1)
  }

  /// No implicit tags: every read below types a scalar from its text and style itself, so Yams'
  /// regular-expression tag resolution (run for every mapping key by its duplicate-key check) is
  /// only cost. Keys are then compared as written text, so `yes:` and `"yes":` in one mapping are
  /// reported as duplicates rather than one silently replacing the other.
  private static let resolver = Resolver.basic

  /// Parses a whole file. Syntax errors become one diagnostic with the place libyaml reports.
  static func parse(_ text: String, file: String) -> Result<YAMLValue?, Diagnostic> {
    if let problem = YAMLAliasBudget.check(text, file: file) { return .failure(problem) }
    do {
      guard let node = try Yams.compose(yaml: text, Self.resolver) else { return .success(nil) }
      return .success(YAMLValue(node: node, file: file))
    } catch let error as YamlError {
      return .failure(diagnostic(for: error, file: file))
    } catch {
      return .failure(
        Diagnostic(
          .error, "cannot read YAML: \(error)", at: SourceLocation(file: file, line: 1, column: 1)))
    }
  }

  private static func diagnostic(for error: YamlError, file: String) -> Diagnostic {
    switch error {
    case .scanner(let context, let problem, let mark, _),
      .parser(let context, let problem, let mark, _),
      .composer(let context, let problem, let mark, _):
      let detail = context.map { "\(problem) \($0.text)" } ?? problem
      return Diagnostic(
        .error, "invalid YAML: \(detail)",
        at: SourceLocation(file: file, line: mark.line, column: mark.column))
    case .duplicatedKeysInMapping(let duplicates, let context):
      return Diagnostic(
        .error,
        "duplicate key \(duplicates.map { "'\($0)'" }.joined(separator: ", ")) in one mapping",
        at: SourceLocation(file: file, line: context.mark.line, column: context.mark.column))
    case .reader(let problem, _, _, _):
      return Diagnostic(
        .error, "cannot read YAML: \(problem)", at: SourceLocation(file: file, line: 1, column: 1))
    default:
      return Diagnostic(
        .error, "invalid YAML: \(error)", at: SourceLocation(file: file, line: 1, column: 1))
    }
  }

  /// The mapping's entries in written order, or `nil` when this is not a mapping.
  var entries: [(key: String, keyLocation: SourceLocation, value: YAMLValue)]? {
    guard case .mapping(let mapping) = node else { return nil }
    return mapping.map { key, value in
      let keyValue = YAMLValue(node: key, file: file)
      return (key.string ?? "\(key)", keyValue.location, YAMLValue(node: value, file: file))
    }
  }

  var items: [YAMLValue]? {
    guard case .sequence(let sequence) = node else { return nil }
    return sequence.map { YAMLValue(node: $0, file: file) }
  }

  /// The scalar's text, or `nil` when this is not a scalar.
  var scalarText: String? {
    guard case .scalar(let scalar) = node else { return nil }
    return scalar.string
  }

  /// Whether the scalar was quoted in the file (so `"53"` stays text and `yes` is a boolean only bare).
  var isQuoted: Bool {
    guard case .scalar(let scalar) = node else { return false }
    return scalar.style == .singleQuoted || scalar.style == .doubleQuoted
  }

  var isNull: Bool {
    guard case .scalar(let scalar) = node, !isQuoted else { return false }
    return ["", "~", "null", "Null", "NULL"].contains(scalar.string)
  }

  /// A bare YAML boolean (`true`, `false`, `yes`, `no`, as YAML 1.1 people write them).
  var bool: Bool? {
    guard let text = scalarText, !isQuoted else { return nil }
    switch text.lowercased() {
    case "true", "yes", "on": return true
    case "false", "no", "off": return false
    default: return nil
    }
  }

  /// A bare number.
  var number: Double? {
    guard let text = scalarText, !isQuoted else { return nil }
    return Double(text.replacingOccurrences(of: "_", with: ""))
  }

  var kindName: String {
    switch node {
    case .mapping: return "a mapping"
    case .sequence: return "a list"
    case .scalar:
      return isNull ? "nothing" : "'\(VisibleText.excerpt(scalarText ?? "", limit: 40))'"
    case .alias: return "an alias"
    }
  }
}
