/// The documented limits on what NetTriage reads (docs/limits.md): each is checked before the work
/// it bounds, and going over one is a clear error with the input's place, never a crash or a hang.
public enum InputLimits {
  /// How deeply a `when:` condition or a `computed:` expression may nest: parentheses, `not` and
  /// unary minus each open one level.
  public static let conditionDepth = 32
  /// How many terms (comparisons, facts, numbers) one condition or expression may hold.
  public static let conditionTerms = 256
  /// How many nodes the aliases (`*name`) of one YAML file may stand for in all: each alias counts
  /// the nodes of what it repeats, so a file cannot expand into millions of nodes from a few lines.
  public static let yamlAliasNodes = 100_000
  /// How deeply lists and mappings may nest in a YAML file.
  public static let yamlDepth = 128
  /// The largest knowledge-base file.
  public static let knowledgeBaseFileBytes = 32 << 20
  /// The largest answer file.
  public static let answerFileBytes = 16 << 20
  /// The largest text answer or note, in UTF-8 bytes.
  public static let textAnswerBytes = 64 << 10
}
