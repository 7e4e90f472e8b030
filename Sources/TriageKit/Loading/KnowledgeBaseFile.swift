/// One file of a knowledge base: its name relative to the knowledge-base folder, and its text.
public struct KnowledgeBaseFile: Hashable, Sendable {
  /// Name relative to the folder, such as `dns.yaml`.
  public var name: String
  /// The file's text.
  public var contents: String

  /// A file called `name` holding `contents`.
  public init(name: String, contents: String) {
    self.name = name
    self.contents = contents
  }
}
