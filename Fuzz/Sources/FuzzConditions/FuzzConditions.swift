import TriageKit

/// The `when:` language and `computed:` arithmetic: parse anything, and evaluate what parses.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzConditions(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
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
