import Foundation

/// A JSON value as the report validator sees it.
indirect enum JSONNode: Decodable, Equatable {
  case null
  case bool(Bool)
  case number(Double)
  case string(String)
  case array([JSONNode])
  case object([String: JSONNode])

  init(from decoder: Decoder) throws {
    let container = try decoder.singleValueContainer()
    if container.decodeNil() {
      self = .null
    } else if let value = try? container.decode(Bool.self) {
      self = .bool(value)
    } else if let value = try? container.decode(Double.self) {
      self = .number(value)
    } else if let value = try? container.decode(String.self) {
      self = .string(value)
    } else if let value = try? container.decode([JSONNode].self) {
      self = .array(value)
    } else {
      self = .object(try container.decode([String: JSONNode].self))
    }
  }

  static func parse(_ text: String) throws -> JSONNode {
    try JSONDecoder().decode(JSONNode.self, from: Data(text.utf8))
  }
}

/// The part of JSON Schema (draft 2020-12) the report schema uses: `type`, `const`, `enum`,
/// `required`, `properties`, `additionalProperties`, `items`, `anyOf`, `minimum`, `maximum`,
/// `exclusiveMinimum`, `pattern` and local `$ref`s. A schema using any other keyword is refused,
/// so a keyword is never silently ignored.
struct JSONSchemaSubset {
  let root: JSONNode

  static let keywords: Set<String> = [
    "type", "const", "enum", "required", "properties", "additionalProperties", "items", "anyOf",
    "minimum", "maximum", "exclusiveMinimum", "pattern", "$ref",
    // Annotations only.
    "$schema", "$id", "$defs", "title", "description",
  ]

  struct SchemaError: Error, CustomStringConvertible {
    var description: String
  }

  init(_ text: String) throws {
    root = try JSONNode.parse(text)
    try Self.checkKeywords(root, at: "#")
  }

  private static func checkKeywords(_ schema: JSONNode, at path: String) throws {
    guard case .object(let members) = schema else { return }
    for (key, value) in members {
      guard keywords.contains(key) else {
        throw SchemaError(description: "\(path): unsupported keyword '\(key)'")
      }
      switch key {
      case "properties", "$defs":
        if case .object(let children) = value {
          for (name, child) in children { try checkKeywords(child, at: "\(path)/\(key)/\(name)") }
        }
      case "items", "additionalProperties":
        try checkKeywords(value, at: "\(path)/\(key)")
      case "anyOf":
        if case .array(let options) = value {
          for (index, option) in options.enumerated() {
            try checkKeywords(option, at: "\(path)/anyOf/\(index)")
          }
        }
      default: break
      }
    }
  }

  /// Where `value` breaks the schema, as `path: problem` lines; empty when it conforms.
  func problems(_ value: JSONNode) -> [String] {
    var found: [String] = []
    check(value, against: root, at: "", into: &found)
    return found
  }

  private func resolve(_ reference: String) -> JSONNode? {
    guard reference.hasPrefix("#/") else { return nil }
    var node = root
    for part in reference.dropFirst(2).split(separator: "/") {
      guard case .object(let members) = node, let next = members[String(part)] else { return nil }
      node = next
    }
    return node
  }

  private func check(
    _ value: JSONNode, against schema: JSONNode, at path: String, into found: inout [String]
  ) {
    guard case .object(let rules) = schema else { return }
    let here = path.isEmpty ? "/" : path
    if case .string(let reference)? = rules["$ref"] {
      guard let target = resolve(reference) else {
        found.append("\(here): unresolvable $ref '\(reference)'")
        return
      }
      check(value, against: target, at: path, into: &found)
    }
    if let type = rules["type"] {
      let allowed: [String]
      switch type {
      case .string(let name): allowed = [name]
      case .array(let names):
        allowed = names.compactMap {
          if case .string(let name) = $0 { return name }
          return nil
        }
      default: allowed = []
      }
      if !allowed.contains(where: { Self.matches(value, type: $0) }) {
        found.append(
          "\(here): expected \(allowed.joined(separator: " or ")), got \(Self.kind(value))")
        return
      }
    }
    if let constant = rules["const"], constant != value {
      found.append("\(here): expected the constant \(constant)")
    }
    if case .array(let options)? = rules["enum"], !options.contains(value) {
      found.append("\(here): \(value) is not one of the allowed values")
    }
    if case .array(let options)? = rules["anyOf"] {
      let fits = options.contains { option in
        var scratch: [String] = []
        check(value, against: option, at: path, into: &scratch)
        return scratch.isEmpty
      }
      if !fits { found.append("\(here): matches none of the allowed shapes") }
    }
    if case .number(let number) = value {
      if case .number(let minimum)? = rules["minimum"], number < minimum {
        found.append("\(here): \(number) is below \(minimum)")
      }
      if case .number(let maximum)? = rules["maximum"], number > maximum {
        found.append("\(here): \(number) is above \(maximum)")
      }
      if case .number(let minimum)? = rules["exclusiveMinimum"], number <= minimum {
        found.append("\(here): \(number) is not above \(minimum)")
      }
    }
    if case .string(let text) = value, case .string(let pattern)? = rules["pattern"] {
      let regex = try? NSRegularExpression(pattern: pattern)
      let range = NSRange(text.startIndex..., in: text)
      if regex?.firstMatch(in: text, range: range) == nil {
        found.append("\(here): '\(text)' does not match \(pattern)")
      }
    }
    if case .array(let items) = value, let itemSchema = rules["items"] {
      for (index, item) in items.enumerated() {
        check(item, against: itemSchema, at: "\(path)/\(index)", into: &found)
      }
    }
    if case .object(let members) = value {
      if case .array(let required)? = rules["required"] {
        for case .string(let name) in required where members[name] == nil {
          found.append("\(here): missing required '\(name)'")
        }
      }
      var properties: [String: JSONNode] = [:]
      if case .object(let declared)? = rules["properties"] { properties = declared }
      for (name, member) in members.sorted(by: { $0.key < $1.key }) {
        if let property = properties[name] {
          check(member, against: property, at: "\(path)/\(name)", into: &found)
        } else if let additional = rules["additionalProperties"] {
          if additional == .bool(false) {
            found.append("\(here): '\(name)' is not in the schema")
          } else {
            check(member, against: additional, at: "\(path)/\(name)", into: &found)
          }
        }
      }
    }
  }

  private static func matches(_ value: JSONNode, type: String) -> Bool {
    switch (type, value) {
    case ("null", .null), ("boolean", .bool), ("number", .number), ("string", .string),
      ("array", .array), ("object", .object):
      return true
    case ("integer", .number(let number)): return number.rounded() == number
    default: return false
    }
  }

  private static func kind(_ value: JSONNode) -> String {
    switch value {
    case .null: return "null"
    case .bool: return "boolean"
    case .number: return "number"
    case .string: return "string"
    case .array: return "array"
    case .object: return "object"
    }
  }
}
