/// What a probe is, as a knowledge base sees it: its name, the arguments a probe step passes it
/// and the facts it gives.
public struct ProbeDeclaration: Hashable, Sendable {
  /// The name a probe step uses (`probe: census`).
  public var name: String
  /// The arguments it takes.
  public var arguments: [ProbeArgument]
  /// The facts it gives.
  public var facts: [FactDeclaration]

  /// A probe called `name` taking `arguments` and giving `facts`.
  public init(_ name: String, arguments: [ProbeArgument] = [], facts: [FactDeclaration]) {
    self.name = name
    self.arguments = arguments
    self.facts = facts
  }

  /// The argument called `name`.
  public func argument(_ name: String) -> ProbeArgument? {
    arguments.first { $0.name == name }
  }

  /// What is wrong with `given` (unknown names, missing required arguments, values of the wrong
  /// type), one lowercase message each, in a stable order; empty when nothing is. Values that are
  /// `{{fact}}` templates are not type-checked: `filled` says whether they have been filled in.
  public func problems(with given: [String: String], filled: Bool) -> [String] {
    var found: [String] = []
    for name in given.keys.sorted() where argument(name) == nil {
      var message = "probe '\(self.name)' takes no argument '\(name)'"
      if let suggestion = NearestMatch.suggestion(for: name, among: arguments.map(\.name)) {
        message += " (did you mean '\(suggestion)'?)"
      } else if !arguments.isEmpty {
        message += " (it takes: \(arguments.map(\.name).joined(separator: ", ")))"
      }
      found.append(message)
    }
    for argument in arguments {
      guard let value = given[argument.name] else {
        if argument.required {
          found.append(
            "probe '\(name)' needs the argument '\(argument.name)' (\(argument.meaning))")
        }
        continue
      }
      if !filled, value.contains("{{") { continue }
      if let problem = argument.problem(with: value) {
        found.append("argument '\(argument.name)' of probe '\(name)' \(problem)")
      }
    }
    return found
  }
}
