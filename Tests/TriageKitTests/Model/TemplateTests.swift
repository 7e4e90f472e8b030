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

  @Test func placeholdersCarryTheirFallback() {
    #expect(
      Template.placeholders(in: "{{ hosts | an unknown number of }} hosts, {{ip}}, {{a|}}") == [
        Template.Placeholder(name: "hosts", fallback: " an unknown number of "),
        Template.Placeholder(name: "ip", fallback: nil),
        Template.Placeholder(name: "a", fallback: ""),
      ])
    #expect(Template.factNames(in: "{{hosts|many}} and {{ip}}") == ["hosts", "ip"])
    // Only the first bar separates: the fallback may hold more.
    #expect(
      Template.placeholders(in: "{{x|a|b}}") == [Template.Placeholder(name: "x", fallback: "a|b")])
  }

  /// A value wins over the fallback; without a value the fallback is shown as written; without
  /// either, `(unknown)` (which lint keeps out of a knowledge base).
  @Test func renderUsesTheValueThenTheFallbackThenUnknown() {
    let values = ["hosts": "500"]
    #expect(
      Template.render("{{hosts|some}} hosts from {{ip|the station}}") { values[$0] }
        == "500 hosts from the station")
    #expect(
      Template.render("about {{hosts|an unknown number of}} hosts") { _ in nil }
        == "about an unknown number of hosts")
    #expect(Template.render("{{ip}} and {{ip|}}.") { _ in nil } == "(unknown) and .")
  }
}
