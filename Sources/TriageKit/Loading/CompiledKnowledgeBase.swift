import Foundation

/// A knowledge base compiled at build time: the loaded, linted model as JSON, so the default
/// knowledge base starts without parsing YAML or linting again.
///
/// `KnowledgeBaseEmbedder` loads `KnowledgeBase/*.yaml` with ``KnowledgeBaseLoader/loadChecked(_:root:vocabulary:)``
/// (an error fails the build) and writes ``encode(_:)``'s text into the binary; ``decode(_:)``
/// reads it back at start-up. The identity, digest included, travels with the model. A folder
/// given with `--kb` is still loaded from YAML with every diagnostic.
public enum CompiledKnowledgeBase {
  /// The format tag: a binary only reads what its own embedder wrote.
  public static let format = "nettriage.compiled-knowledge-base/1"

  private struct Envelope: Codable {
    var format: String
    var knowledgeBase: KnowledgeBase
  }

  /// The knowledge base as compiled text (JSON with sorted keys, so the same model always gives
  /// the same bytes and an unchanged knowledge base does not rebuild its target).
  public static func encode(_ knowledgeBase: KnowledgeBase) throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    let data = try encoder.encode(Envelope(format: format, knowledgeBase: knowledgeBase))
    return String(decoding: data, as: UTF8.self)
  }

  /// Reads compiled text back; `vocabulary` is the one the binary declares (evidence and probes).
  public static func decode(_ text: String, vocabulary: Vocabulary? = nil) throws(TriageError)
    -> KnowledgeBase
  {
    let envelope: Envelope
    do {
      envelope = try JSONDecoder().decode(Envelope.self, from: Data(text.utf8))
    } catch {
      throw .invalidKnowledgeBase([
        Diagnostic(.error, "the compiled knowledge base cannot be read: \(error)", at: nil)
      ])
    }
    guard envelope.format == format else {
      throw .invalidKnowledgeBase([
        Diagnostic(
          .error,
          "the compiled knowledge base is '\(VisibleText.excerpt(envelope.format, limit: 60))', "
            + "expected '\(format)'", at: nil)
      ])
    }
    var knowledgeBase = envelope.knowledgeBase
    knowledgeBase.vocabulary = vocabulary
    return knowledgeBase
  }
}
