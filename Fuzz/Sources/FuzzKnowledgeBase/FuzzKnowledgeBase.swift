import FuzzDriver
import TriageKit

/// The knowledge-base loader and linter: the input is one file holding a whole knowledge base.
private func fuzzKnowledgeBase(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  let text = FuzzDriver.text(data, size)
  let file = KnowledgeBaseFile(name: KnowledgeBaseLoader.manifestName, contents: text)
  if let knowledgeBase = KnowledgeBaseLoader.load([file], root: "fuzz").0 {
    _ = KnowledgeBaseLinter.lint(knowledgeBase)
  }
  return 0
}

@main
enum FuzzKnowledgeBaseMain {
  static func main() {
    FuzzDriver.run { data, size in fuzzKnowledgeBase(data, size) }
  }
}
