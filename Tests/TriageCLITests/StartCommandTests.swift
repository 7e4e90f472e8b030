import Testing

/// `start` is the default command, so it is what meets a mistyped one.
@Suite("start")
struct StartCommandTests {
  @Test(arguments: [("rn", "run"), ("sesions", "sessions"), ("resmue", "resume")])
  func aMistypedCommandSuggestsTheNearOne(typed: String, meant: String) throws {
    let run = try BinaryRun.run([typed])
    #expect(run.status == 64)
    #expect(run.standardError.contains("unknown command '\(typed)' (did you mean '\(meant)'?)"))
  }
}
