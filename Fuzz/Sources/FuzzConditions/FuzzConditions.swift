import Foundation
import TriageKit

/// The `when:` language and `computed:` arithmetic: parse anything, and evaluate what parses.
private func fuzzConditions(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
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

/// libFuzzer's driver, called from our own `main` (SwiftPM names every executable's entry point).
@_silgen_name("LLVMFuzzerRunDriver")
private func runDriver(
  _ argc: UnsafeMutablePointer<CInt>,
  _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
  _ test: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt

@main
enum FuzzConditionsMain {
  static func main() {
    var argc = CommandLine.argc
    var argv = CommandLine.unsafeArgv
    exit(runDriver(&argc, &argv) { data, size in fuzzConditions(data, size) })
  }
}
