import Foundation
import TriageKit

/// The knowledge-base loader and linter: the input is one file holding a whole knowledge base.
private func fuzzKnowledgeBase(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
  let file = KnowledgeBaseFile(name: KnowledgeBaseLoader.manifestName, contents: text)
  if let knowledgeBase = KnowledgeBaseLoader.load([file], root: "fuzz").0 {
    _ = KnowledgeBaseLinter.lint(knowledgeBase)
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
enum FuzzKnowledgeBaseMain {
  static func main() {
    var argc = CommandLine.argc
    var argv = CommandLine.unsafeArgv
    exit(runDriver(&argc, &argv) { data, size in fuzzKnowledgeBase(data, size) })
  }
}
