/// A knowledge base compiled at build time: the loaded, linted model in a compact form, so the
/// default knowledge base starts without parsing YAML, linting again or decoding JSON.
///
/// `KnowledgeBaseEmbedder` loads `KnowledgeBase/*.yaml` with ``KnowledgeBaseLoader/loadChecked(_:root:vocabulary:)``
/// (an error fails the build) and writes ``encode(_:)``'s text into the binary as a string
/// literal; ``decode(_:vocabulary:)`` reads it back at start-up, in place. The text is the format
/// tag on its own line, then a string table and the model's values (see ``CompactWriter``). The
/// identity, digest included, travels with the model. A folder given with `--kb` is still loaded
/// from YAML with every diagnostic.
public enum CompiledKnowledgeBase {
  /// The format tag: a binary only reads what its own embedder wrote.
  public static let format = "nettriage.compiled-knowledge-base/2"

  /// The knowledge base as compiled text (dictionaries in sorted key order, so the same model
  /// always gives the same bytes and an unchanged knowledge base does not rebuild its target).
  public static func encode(_ knowledgeBase: KnowledgeBase) throws -> String {
    var writer = CompactWriter()
    knowledgeBase.write(to: &writer)
    return writer.finished(format: format)
  }

  /// Reads compiled text back; `vocabulary` is the one the binary declares (evidence and probes).
  public static func decode(_ text: String, vocabulary: Vocabulary? = nil) throws(TriageError)
    -> KnowledgeBase
  {
    var text = text
    let result = text.withUTF8 { bytes in Result { () throws(TriageError) in try decode(bytes) } }
    var knowledgeBase = try result.get()
    knowledgeBase.vocabulary = vocabulary
    return knowledgeBase
  }

  private static func decode(_ bytes: UnsafeBufferPointer<UInt8>) throws(TriageError)
    -> KnowledgeBase
  {
    guard let newline = bytes.firstIndex(of: 0x0A) else {
      throw unreadable("it has no format line")
    }
    let tag = String(decoding: UnsafeBufferPointer(rebasing: bytes[..<newline]), as: UTF8.self)
    guard tag == format else {
      throw .invalidKnowledgeBase([
        Diagnostic(
          .error,
          "the compiled knowledge base is '\(VisibleText.excerpt(tag, limit: 60))', "
            + "expected '\(format)'", at: nil)
      ])
    }
    do throws(CompactReader.Failure) {
      var reader = try CompactReader(bytes, from: newline + 1)
      let knowledgeBase = try KnowledgeBase(compact: &reader)
      guard reader.atEnd else { throw reader.failure("bytes left after the model") }
      return knowledgeBase
    } catch {
      throw unreadable("\(error.message) at byte \(error.offset)")
    }
  }

  private static func unreadable(_ reason: String) -> TriageError {
    .invalidKnowledgeBase([
      Diagnostic(.error, "the compiled knowledge base cannot be read: \(reason)", at: nil)
    ])
  }
}
