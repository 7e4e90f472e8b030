import FuzzDriver
import TriageKit

/// The `when:` language and `computed:` arithmetic: parse anything, and evaluate what parses.
private func fuzzConditions(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  let text = FuzzDriver.text(data, size)
  if let condition = try? ConditionParser.parse(text) {
    _ = condition.evaluate([:])
    _ = condition.factNames
  }
  if let expression = try? ExpressionParser.parse(text) {
    _ = expression.evaluate([:])
    _ = expression.describe()
  }
  return 0
}

@main
enum FuzzConditionsMain {
  static func main() {
    FuzzDriver.run { data, size in fuzzConditions(data, size) }
  }
}
