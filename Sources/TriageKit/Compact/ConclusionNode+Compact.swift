extension ConclusionNode: CompactCodable {
  static var compactFieldCount: Int? { 6 }

  init(compact reader: inout CompactReader) throws(CompactReader.Failure) {
    self.init(
      id: try reader.read(), location: try reader.read(),
      outcome: try Outcome(compactRaw: &reader), title: try reader.read(),
      text: try reader.read(), causes: try reader.read())
  }

  func write(to writer: inout CompactWriter) {
    id.write(to: &writer)
    location.write(to: &writer)
    outcome.writeRaw(to: &writer)
    title.write(to: &writer)
    text.write(to: &writer)
    causes.write(to: &writer)
  }
}

extension ConclusionNode.CauseLink: CompactCodable {
  static var compactFieldCount: Int? { 3 }

  init(compact reader: inout CompactReader) throws(CompactReader.Failure) {
    self.init(cause: try reader.read(), certainty: try reader.read(), location: try reader.read())
  }

  func write(to writer: inout CompactWriter) {
    cause.write(to: &writer)
    certainty.write(to: &writer)
    location.write(to: &writer)
  }
}

extension Cause: CompactCodable {
  static var compactFieldCount: Int? { 7 }

  init(compact reader: inout CompactReader) throws(CompactReader.Failure) {
    self.init(
      id: try reader.read(), title: try reader.read(), summary: try reader.read(),
      plan: try reader.read(), references: try reader.read(), location: try reader.read(),
      requires: try reader.read())
  }

  func write(to writer: inout CompactWriter) {
    id.write(to: &writer)
    title.write(to: &writer)
    summary.write(to: &writer)
    plan.write(to: &writer)
    references.write(to: &writer)
    location.write(to: &writer)
    requires.write(to: &writer)
  }
}

extension RemediationStep: CompactCodable {
  static var compactFieldCount: Int? { 14 }

  init(compact reader: inout CompactReader) throws(CompactReader.Failure) {
    self.init(
      id: try reader.read(), title: try reader.read(), text: try reader.read(),
      risk: try Risk(compactRaw: &reader), permission: try reader.read(),
      verify: try reader.read(), rollback: try reader.read(), references: try reader.read(),
      location: try reader.read(), phase: try Phase(compactRaw: &reader),
      done: try reader.read(), doneText: try reader.read(), condition: try reader.read(),
      conditionText: try reader.read())
  }

  func write(to writer: inout CompactWriter) {
    id.write(to: &writer)
    title.write(to: &writer)
    text.write(to: &writer)
    risk.writeRaw(to: &writer)
    permission.write(to: &writer)
    verify.write(to: &writer)
    rollback.write(to: &writer)
    references.write(to: &writer)
    location.write(to: &writer)
    phase.writeRaw(to: &writer)
    done.write(to: &writer)
    doneText.write(to: &writer)
    condition.write(to: &writer)
    conditionText.write(to: &writer)
  }
}

extension Reference: CompactCodable {
  static var compactFieldCount: Int? { 4 }

  init(compact reader: inout CompactReader) throws(CompactReader.Failure) {
    self.init(
      id: try reader.read(), title: try reader.read(), url: try reader.read(),
      location: try reader.read())
  }

  func write(to writer: inout CompactWriter) {
    id.write(to: &writer)
    title.write(to: &writer)
    url.write(to: &writer)
    location.write(to: &writer)
  }
}

extension Node: CompactCodable {
  init(compact reader: inout CompactReader) throws(CompactReader.Failure) {
    switch try reader.readUnsigned(below: 4) {
    case 0: self = .question(try reader.read())
    case 1: self = .decision(try reader.read())
    case 2: self = .conclusion(try reader.read())
    default: self = .probe(try reader.read())
    }
  }

  func write(to writer: inout CompactWriter) {
    switch self {
    case .question(let node):
      writer.writeUnsigned(0)
      node.write(to: &writer)
    case .decision(let node):
      writer.writeUnsigned(1)
      node.write(to: &writer)
    case .conclusion(let node):
      writer.writeUnsigned(2)
      node.write(to: &writer)
    case .probe(let node):
      writer.writeUnsigned(3)
      node.write(to: &writer)
    }
  }
}
