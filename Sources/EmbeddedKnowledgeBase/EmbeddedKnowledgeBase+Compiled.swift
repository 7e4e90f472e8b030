import TriageKit

extension EmbeddedKnowledgeBase {
  /// The default knowledge base as compiled at build time: no YAML to parse, linted already.
  ///
  /// `vocabulary` is the binary's declared evidence and probe facts, kept with the knowledge base
  /// as the loader would keep it.
  public static func knowledgeBase(vocabulary: Vocabulary? = nil) throws(TriageError)
    -> KnowledgeBase
  {
    try CompiledKnowledgeBase.decode(compiled, vocabulary: vocabulary)
  }
}
