extension QuestionNode {
  /// Whether `value` picks `choice` (what ``choices(for:)`` filters on).
  @inline(__always)
  private func picks(_ choice: Choice, _ value: FactValue) -> Bool {
    switch (type, value) {
    case (.choice, .string(let text)), (.multipleChoice, .string(let text)):
      return choice.value == text
    case (.multipleChoice, .list(let values)): return values.contains(choice.value)
    case (.yesNo, .bool(let flag)): return choice.value == (flag ? "yes" : "no")
    default: return false
    }
  }

  /// ``isNotKnown(_:)`` without building the list of picked choices: the engine asks it of every
  /// answer at every step.
  func picksNotKnown(_ value: FactValue) -> Bool {
    if value == .unknown { return true }
    // The picked choice's place: copying the choice would retain every field.
    var picked: Int?
    for offset in choices.indices where picks(choices[offset], value) {
      guard picked == nil else { return false }
      picked = offset
    }
    return picked.map { choices[$0].notKnown } == true
  }

  /// ``route(for:)`` without building the list of picked choices when the value picks one (the
  /// walk follows an answer at every question of every step); the same route.
  func routeTaken(for value: FactValue) -> Route {
    if value == .unknown { return unknown }
    var single: Int?
    for offset in choices.indices where picks(choices[offset], value) {
      guard single == nil else { return route(for: value) }
      single = offset
    }
    guard let offset = single else { return route(for: value) }
    if let target = choices[offset].next {
      return Route(
        next: target, support: choices[offset].support, location: choices[offset].location)
    }
    let support = choices[offset].support
    if let next { return Route(next: next.next, support: support, location: next.location) }
    return Route(next: unknown.next, support: support, location: unknown.location)
  }
}
