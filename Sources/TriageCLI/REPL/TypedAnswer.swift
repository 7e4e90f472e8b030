import TriageKit

/// Answers as people type them, brought to the forms the interpreter reads: `~500`, `about 500`
/// and `500 hosts` are 500; `System error 53 has occurred.` and `error 53` are 53; a hexadecimal
/// code (`0x35`) is read as the decimal choice it names when the choices are decimal codes, and a
/// choice whose value is the hexadecimal code itself matches as written.
enum TypedAnswer {
  static func normalized(_ typed: String, for question: QuestionNode) -> String {
    let text = typed.trimmingCharacters(in: .whitespaces)
    switch question.type {
    case .number:
      return number(in: text) ?? text
    case .choice, .multipleChoice:
      // A list the interpreter reads as it is ("53 1203", "1, 3") stays as typed.
      if question.type == .multipleChoice,
        case .success = AnswerInterpreter.interpret(typed: text, for: question)
      {
        return text
      }
      let lowered = text.lowercased()
      if question.choices.contains(where: {
        $0.value.lowercased() == lowered || $0.label.lowercased() == lowered
      }) {
        return text
      }
      guard let code = errorCode(in: lowered) else { return text }
      if question.choices.contains(where: { $0.value.lowercased() == code }) { return code }
      // A code a choice's label names (`0xC0040037 FWX_E_…` entries): that choice, if only one.
      let token = lowered.hasPrefix("0x") ? lowered.prefix { !$0.isWhitespace } : Substring(code)
      let naming = question.choices.filter { choice in
        choice.label.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber })
          .contains { $0 == token || (token.hasPrefix("0x") && "0x" + $0 == token) }
      }
      return naming.count == 1 ? naming[0].value : text
    default:
      return text
    }
  }

  /// The number in "~500", "about 500", "around 1,200 hosts", "500 hosts", "approx. 30".
  private static func number(in text: String) -> String? {
    var rest = Substring(text.lowercased())
    for prefix in [
      "approximately", "approx.", "approx", "about", "around", "roughly", "circa", "ca.", "~", "≈",
      "<", ">",
    ] {
      if rest.hasPrefix(prefix) {
        rest = rest.dropFirst(prefix.count).drop { $0 == " " }
        break
      }
    }
    let digits = rest.prefix { $0.isNumber || $0 == "." || $0 == "," }
    guard !digits.isEmpty else { return nil }
    let after = rest.dropFirst(digits.count).trimmingCharacters(in: .whitespaces)
    // A unit word after the number ("hosts", "minutes", "s") is fine; another number is not.
    guard after.allSatisfy({ $0.isLetter || $0 == " " || $0 == "." }) else { return nil }
    let plain = digits.replacingOccurrences(of: ",", with: "")
    return plain
  }

  /// The code in "System error 53 has occurred.", "error 53", "53", "0x35", "0xC0040037".
  private static func errorCode(in text: String) -> String? {
    var rest = Substring(text)
    for prefix in ["system error ", "error ", "winsock ", "code "] where rest.hasPrefix(prefix) {
      rest = rest.dropFirst(prefix.count)
    }
    if rest.hasPrefix("0x") {
      let hex = rest.dropFirst(2).prefix { $0.isHexDigit }
      guard !hex.isEmpty else { return nil }
      let full = "0x" + hex
      if let value = UInt64(hex, radix: 16), value < 100_000 { return String(value) }
      return String(full)
    }
    let digits = rest.prefix { $0.isNumber }
    return digits.isEmpty ? nil : String(digits)
  }
}
