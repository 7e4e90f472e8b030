import FuzzDriver
import TriageKit

/// Answer files against a small knowledge base with every question type.
private let knowledgeBase: KnowledgeBase? = {
  let text = """
    nettriage: knowledge-base/1
    id: fuzz
    version: 1.0.0
    title: Fuzz
    start: yes-no
    nodes:
      - { id: yes-no, kind: question, type: yes-no, ask: Y?, why: W, next: number }
      - { id: number, kind: question, type: number, ask: N?, why: W, min: 0, max: 10, next: choice }
      - id: choice
        kind: question
        type: choice
        ask: C?
        why: W
        choices:
          - { value: "a", label: A }
          - { value: "53", label: B }
        next: text
      - { id: text, kind: question, type: text, ask: T?, why: W, next: done }
      - { id: done, kind: conclusion, outcome: inconclusive, title: T, text: T }
    """
  return KnowledgeBaseLoader.load(
    [KnowledgeBaseFile(name: KnowledgeBaseLoader.manifestName, contents: text)], root: "fuzz"
  ).0
}()

private func fuzzAnswerFile(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  guard let knowledgeBase else { fatalError("the fuzz knowledge base does not load") }
  let text = FuzzDriver.text(data, size)
  _ = try? AnswerFile.parse(text, path: "fuzz.yaml", knowledgeBase: knowledgeBase)
  return 0
}

@main
enum FuzzAnswerFileMain {
  static func main() {
    FuzzDriver.run { data, size in fuzzAnswerFile(data, size) }
  }
}
