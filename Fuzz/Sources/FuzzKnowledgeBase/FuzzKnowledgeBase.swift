import TriageKit

/// The knowledge-base loader and linter: the input is one file holding a whole knowledge base.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzKnowledgeBase(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
  let file = KnowledgeBaseFile(name: KnowledgeBaseLoader.manifestName, contents: text)
  if let knowledgeBase = KnowledgeBaseLoader.load([file], root: "fuzz").0 {
    _ = KnowledgeBaseLinter.lint(knowledgeBase)
  }
  return 0
}
