import Testing

@testable import LineEditing

@Suite struct PromptMarkupTests {
  @Test func plainPromptIsUnchanged() {
    #expect(PromptMarkup.markingInvisibleSequences(in: "triage> ") == "triage> ")
  }

  @Test func colourSequencesAreWrappedInMarkers() {
    let prompt = "\u{1B}[1;32mtriage\u{1B}[0m> "
    #expect(
      PromptMarkup.markingInvisibleSequences(in: prompt)
        == "\u{1}\u{1B}[1;32m\u{1}triage\u{1}\u{1B}[0m\u{1}> ")
  }

  @Test func hyperlinksAreWrappedWhole() {
    let prompt = "\u{1B}]8;;https://example.org\u{1B}\\kb\u{1B}]8;;\u{7}> "
    #expect(
      PromptMarkup.markingInvisibleSequences(in: prompt)
        == "\u{1}\u{1B}]8;;https://example.org\u{1B}\\\u{1}kb\u{1}\u{1B}]8;;\u{7}\u{1}> ")
  }

  @Test func promptThatAlreadyHasMarkersIsLeftToItsAuthor() {
    let prompt = "\u{1}\u{1B}[1m\u{1}x> "
    #expect(PromptMarkup.markingInvisibleSequences(in: prompt) == prompt)
  }

  @Test func truncatedSequenceAtTheEndIsStillWrapped() {
    #expect(PromptMarkup.markingInvisibleSequences(in: "> \u{1B}[1") == "> \u{1}\u{1B}[1\u{1}")
  }
}
