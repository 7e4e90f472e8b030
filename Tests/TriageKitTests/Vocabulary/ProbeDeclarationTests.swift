import Testing

@testable import TriageKit

@Suite struct ProbeDeclarationTests {
  @Test func argumentsOfTheWrongTypeUnknownOrMissingAreNamed() {
    let problems = TestVocabulary.dns.problems(
      with: ["timeout": "soon", "nmae": "fs"], filled: true)
    #expect(
      problems == [
        "probe 'dns' takes no argument 'nmae' (did you mean 'name'?)",
        "probe 'dns' needs the argument 'name' (the name to look up)",
        "argument 'timeout' of probe 'dns' must be a number, found 'soon'",
      ])
  }

  @Test func templatesAreCheckedOnlyOnceFilledIn() {
    let given = ["name": "{{failing-host}}", "timeout": "{{wait}}"]
    #expect(TestVocabulary.dns.problems(with: given, filled: false).isEmpty)
    #expect(
      TestVocabulary.dns.problems(with: ["name": "fs", "timeout": "x"], filled: true).count == 1)
  }

  @Test func hostPortArgumentsNeedAPort() {
    let target = TestVocabulary.connect.arguments[0]
    #expect(target.problem(with: "fileserver:445") == nil)
    #expect(target.problem(with: "[2001:db8::5]:445") == nil)
    #expect(
      target.problem(with: "fileserver")
        == "must be 'host:port' with a port from 1 to 65535, found 'fileserver'")
    #expect(target.problem(with: "fs:70000") != nil)
  }
}
