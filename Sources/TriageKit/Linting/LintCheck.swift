/// One check of the knowledge-base linter; each lives in its own file under `Checks/`.
public protocol LintCheck: Sendable {
  /// A short kebab-case name, shown with `kb lint --verbose`.
  var name: String { get }
  /// The problems found.
  func check(_ knowledgeBase: KnowledgeBase) -> [Diagnostic]
}
