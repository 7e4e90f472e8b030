import CYaml

/// Checks a YAML text's anchors and aliases before Yams composes it, so a few hundred bytes cannot
/// expand into millions of nodes (the "billion laughs") or make Yams hash an expanded alias as a
/// mapping key.
///
/// It reads libyaml's events only, in one pass and constant memory per anchor, counting for each
/// anchor the nodes it stands for (``InputLimits/yamlAliasNodes``), and how deeply lists and
/// mappings nest (``InputLimits/yamlDepth``), so Yams' recursive composer stays shallow.
enum YAMLAliasBudget {
  private struct Frame {
    var nodes = 1
    var anchor: String?
    var isMapping: Bool
    var children = 0
  }

  /// The first problem with the text's aliases, or `nil`. Syntax errors are left to Yams, which
  /// reports them with their place.
  static func check(_ text: String, file: String, limit: Int = InputLimits.yamlAliasNodes)
    -> Diagnostic?
  {
    var bytes = Array(text.utf8)
    return bytes.withUnsafeMutableBufferPointer { buffer in
      var parser = yaml_parser_t()
      guard yaml_parser_initialize(&parser) == 1 else { return nil }
      defer { yaml_parser_delete(&parser) }
      yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
      var anchors: [String: Int] = [:]
      var stack: [Frame] = []
      var aliased = 0
      while true {
        var event = yaml_event_t()
        guard yaml_parser_parse(&parser, &event) == 1 else { return nil }
        defer { yaml_event_delete(&event) }
        let location = SourceLocation(
          file: file, line: Int(event.start_mark.line) + 1, column: Int(event.start_mark.column) + 1
        )
        var finished: (nodes: Int, anchor: String?, isAlias: Bool)?
        switch event.type {
        case YAML_STREAM_END_EVENT:
          return nil
        case YAML_SCALAR_EVENT:
          finished = (1, string(event.data.scalar.anchor), false)
        case YAML_ALIAS_EVENT:
          let name = string(event.data.alias.anchor) ?? ""
          let nodes = anchors[name] ?? 1
          aliased += nodes
          if aliased > limit {
            return Diagnostic(
              .error,
              "aliases stand for more than \(limit) nodes in all (the alias '*\(name)' repeats \(nodes))",
              at: location)
          }
          finished = (nodes, nil, true)
        case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
          guard stack.count < InputLimits.yamlDepth else {
            return Diagnostic(
              .error, "lists and mappings nest deeper than \(InputLimits.yamlDepth) levels",
              at: location)
          }
          let isMapping = event.type == YAML_MAPPING_START_EVENT
          let anchor =
            isMapping
            ? string(event.data.mapping_start.anchor) : string(event.data.sequence_start.anchor)
          stack.append(Frame(anchor: anchor, isMapping: isMapping))
        case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
          if let frame = stack.popLast() { finished = (frame.nodes, frame.anchor, false) }
        default:
          break
        }
        guard let node = finished else { continue }
        if let anchor = node.anchor { anchors[anchor] = node.nodes }
        guard !stack.isEmpty else { continue }
        if node.isAlias, stack[stack.count - 1].isMapping, stack[stack.count - 1].children % 2 == 0
        {
          return Diagnostic(
            .error, "an alias cannot be a mapping key (write the key out)", at: location)
        }
        stack[stack.count - 1].children += 1
        stack[stack.count - 1].nodes = min(stack[stack.count - 1].nodes + node.nodes, Int.max / 4)
      }
    }
  }

  private static func string(_ pointer: UnsafeMutablePointer<UInt8>?) -> String? {
    guard let pointer else { return nil }
    return String(cString: pointer)
  }
}
