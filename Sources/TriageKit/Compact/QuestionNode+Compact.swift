extension QuestionNode: CompactCodable {
  static var compactFieldCount: Int? { 17 }

  init(compact reader: inout CompactReader) throws(CompactReader.Failure) {
    self.init(
      id: try reader.read(), location: try reader.read(),
      type: try AnswerType(compactRaw: &reader), ask: try reader.read(), why: try reader.read(),
      fact: try reader.read(), choices: try reader.read(), next: try reader.read(),
      unknown: try reader.read(), defaultValue: try reader.read(), minimum: try reader.read(),
      maximum: try reader.read(), unit: try reader.read(), inferences: try reader.read(),
      effort: try Effort(compactRaw: &reader), askWhen: try reader.read(),
      aliases: try reader.read())
  }

  func write(to writer: inout CompactWriter) {
    id.write(to: &writer)
    location.write(to: &writer)
    type.writeRaw(to: &writer)
    ask.write(to: &writer)
    why.write(to: &writer)
    fact.write(to: &writer)
    choices.write(to: &writer)
    next.write(to: &writer)
    unknown.write(to: &writer)
    defaultValue.write(to: &writer)
    minimum.write(to: &writer)
    maximum.write(to: &writer)
    unit.write(to: &writer)
    inferences.write(to: &writer)
    effort.writeRaw(to: &writer)
    askWhen.write(to: &writer)
    aliases.write(to: &writer)
  }
}

extension QuestionNode.Choice: CompactCodable {
  static var compactFieldCount: Int? { 8 }

  init(compact reader: inout CompactReader) throws(CompactReader.Failure) {
    self.init(
      value: try reader.read(), label: try reader.read(), help: try reader.read(),
      next: try reader.read(), support: try reader.read(), location: try reader.read(),
      aliases: try reader.read(), notKnown: try reader.read())
  }

  func write(to writer: inout CompactWriter) {
    value.write(to: &writer)
    label.write(to: &writer)
    help.write(to: &writer)
    next.write(to: &writer)
    support.write(to: &writer)
    location.write(to: &writer)
    aliases.write(to: &writer)
    notKnown.write(to: &writer)
  }
}

extension Inference: CompactCodable {
  static var compactFieldCount: Int? { 5 }

  init(compact reader: inout CompactReader) throws(CompactReader.Failure) {
    self.init(
      condition: try reader.read(), text: try reader.read(), value: try reader.read(),
      from: try reader.read(), location: try reader.read())
  }

  func write(to writer: inout CompactWriter) {
    condition.write(to: &writer)
    text.write(to: &writer)
    value.write(to: &writer)
    from.write(to: &writer)
    location.write(to: &writer)
  }
}
