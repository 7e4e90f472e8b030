extension EmbeddedKnowledgeBase {
  /// How messages name the embedded files: as they sit in the repository.
  public static let root = "KnowledgeBase"
}
