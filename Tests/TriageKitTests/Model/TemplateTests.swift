import Testing

@testable import TriageKit

@Suite struct TemplateTests {
  @Test func factNamesInOrder() {
    #expect(Template.factNames(in: "{{a}} and {{ b-c }} then {{a}}") == ["a", "b-c", "a"])
    #expect(Template.factNames(in: "no templates, {single} braces") == [])
    #expect(Template.factNames(in: "unclosed {{a") == [])
  }

  @Test func renderReplacesEveryTemplate() {
    let rendered = Template.render("Station {{ name }} has {{hosts}} hosts; {{missing") { name in
      ["name": "PC-1", "hosts": "500"][name] ?? "(unknown)"
    }
    #expect(rendered == "Station PC-1 has 500 hosts; {{missing")
    #expect(Template.render("{{x}}{{x}}") { $0.uppercased() } == "XX")
  }
}
