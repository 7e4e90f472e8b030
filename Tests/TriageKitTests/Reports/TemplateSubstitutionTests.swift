import Testing

@testable import TriageKit

/// Text answers substituted into knowledge-base Markdown by `{{fact}}` templates.
@Suite struct TemplateSubstitutionTests {
  @Test func aMultiLineAnswerStaysOnTheLineItLandsIn() {
    let answer = "first line\n\n    indented code?\n\n2. not a list\n- nor this"
    let shown = MarkdownEscaping.substituted(answer)
    #expect(shown == "first line / indented code? / 2. not a list / - nor this")
    let step = "1. Check {{x}} on the station\n2. Then go on"
    let rendered = Template.render(step) { _ in shown }
    #expect(rendered.split(separator: "\n").count == 2)
  }
}
