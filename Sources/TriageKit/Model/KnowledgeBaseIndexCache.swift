import Foundation

/// Holds a knowledge base's ``KnowledgeBaseIndex`` once built; a fresh holder is an empty cache.
final class KnowledgeBaseIndexCache: @unchecked Sendable {
  // Guards `index`: knowledge bases are shared between tasks (`kb test` runs cases in parallel).
  private let lock = NSLock()
  private var index: KnowledgeBaseIndex?

  /// The index of `knowledgeBase`, built on first use.
  func index(of knowledgeBase: KnowledgeBase) -> KnowledgeBaseIndex {
    lock.lock()
    defer { lock.unlock() }
    if let index { return index }
    let built = KnowledgeBaseIndex(knowledgeBase)
    index = built
    return built
  }
}
