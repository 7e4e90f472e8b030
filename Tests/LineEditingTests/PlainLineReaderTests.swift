import Foundation
import LineEditing
import Testing

@Suite struct PlainLineReaderTests {
  /// Reads `input` through a pipe until the end, returning what was read and what was written.
  private func readAll(
    _ input: String, prompt: String = "triage> ",
    promptVisibility: PlainLineReader.PromptVisibility = .whenOutputIsTerminal
  ) throws -> (inputs: [LineInput], output: String) {
    let input = Data(input.utf8)
    let source = Pipe()
    let sink = Pipe()
    try source.fileHandleForWriting.write(contentsOf: input)
    try source.fileHandleForWriting.close()
    var inputs: [LineInput] = []
    do {
      let reader = PlainLineReader(
        inputDescriptor: source.fileHandleForReading.fileDescriptor,
        outputDescriptor: sink.fileHandleForWriting.fileDescriptor,
        promptVisibility: promptVisibility)
      // Bounded, so a reader that never reports the end fails instead of hanging.
      for _ in 0..<20 {
        let next = reader.readLine(prompt: prompt)
        inputs.append(next)
        if next == .endOfFile { break }
      }
    }
    try sink.fileHandleForWriting.close()
    let output = try sink.fileHandleForReading.readToEnd() ?? Data()
    return (inputs, String(decoding: output, as: UTF8.self))
  }

  @Test func readsLinesUntilTheEnd() throws {
    let (inputs, _) = try readAll("one\ntwo\n")
    #expect(inputs == [.line("one"), .line("two"), .endOfFile])
  }

  @Test func stripsCRLFAndKeepsOtherCarriageReturns() throws {
    let (inputs, _) = try readAll("one\r\ntwo\r\nin\rside\n")
    #expect(inputs == [.line("one"), .line("two"), .line("in\rside"), .endOfFile])
  }

  @Test func returnsALastLineWithoutATerminator() throws {
    let (inputs, _) = try readAll("one\nlast")
    #expect(inputs == [.line("one"), .line("last"), .endOfFile])
  }

  @Test func keepsEmptyLinesAndUTF8() throws {
    let (inputs, _) = try readAll("\ncafé crème\n\n")
    #expect(inputs == [.line(""), .line("café crème"), .line(""), .endOfFile])
  }

  @Test func emptyInputIsTheEndAtOnce() throws {
    let (inputs, _) = try readAll("")
    #expect(inputs == [.endOfFile])
  }

  @Test func printsNoPromptIntoAPipeByDefault() throws {
    let (_, output) = try readAll("one\n")
    #expect(output == "")
  }

  /// Reads one verbatim text with a small paste limit, then the line after it.
  private func readVerbatim(_ input: String, limit: Int) throws -> (LineInput, LineInput) {
    let source = Pipe()
    let sink = Pipe()
    try source.fileHandleForWriting.write(contentsOf: Data(input.utf8))
    try source.fileHandleForWriting.close()
    let reader = PlainLineReader(
      inputDescriptor: source.fileHandleForReading.fileDescriptor,
      outputDescriptor: sink.fileHandleForWriting.fileDescriptor, pasteLimit: limit)
    return (reader.readVerbatim(terminator: "."), reader.readLine(prompt: ""))
  }

  @Test func aVerbatimTextUnderTheLimitIsKept() throws {
    let (text, next) = try readVerbatim("a\tb\nc\n.\nafter\n", limit: 20)
    #expect(text == .pasted("a\tb\nc"))
    #expect(next == .line("after"))
  }

  @Test func aVerbatimTextOverTheLimitIsReadToItsEndAndDropped() throws {
    let (text, next) = try readVerbatim("0123456789\n0123456789\n0123\n.\nafter\n", limit: 20)
    #expect(text == .oversizedPaste(27))
    // The rest of the paste is not taken as typed lines: the next line is the one after it.
    #expect(next == .line("after"))
  }

  @Test func printsThePromptWhenAskedTo() throws {
    let (_, output) = try readAll("one\n", promptVisibility: .always)
    #expect(output == "triage> triage> \n")
  }
}
