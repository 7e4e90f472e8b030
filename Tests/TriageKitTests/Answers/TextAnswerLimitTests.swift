import Foundation
import Testing

@testable import TriageKit

/// Text answers and notes hold at most ``InputLimits/textAnswerBytes`` (docs/limits.md).
@Suite struct TextAnswerLimitTests {
  private static let limit = InputLimits.textAnswerBytes

  @Test func aTypedTextAnswerAtTheLimitIsTakenAndOneBytePastIsRefused() throws {
    let kb = try TestKnowledgeBase.load()
    let question = try #require(kb.questions["station-name"])
    let atLimit = String(repeating: "é", count: Self.limit / 2)
    #expect(
      AnswerInterpreter.interpret(typed: atLimit, for: question) == .success(.string(atLimit)))
    let past = atLimit + "x"
    #expect(
      AnswerInterpreter.interpret(typed: past, for: question)
        == .failure(
          AnswerProblem(
            "the text is 65537 bytes; a text answer or note holds at most 64 KiB (give long output as evidence)"
          )))
  }

  @Test func answerFilesRefuseLongTextAnswersAndNotesWithTheirPlace() throws {
    let kb = try TestKnowledgeBase.load()
    let long = String(repeating: "x", count: Self.limit + 1)
    let text = """
      nettriage: answers/1
      answers:
        station-name: \(long)
      notes:
        - \(String(repeating: "y", count: Self.limit))
        - \(long)
      """
    do {
      _ = try AnswerFile.parse(text, path: "a.yaml", knowledgeBase: kb)
      Issue.record("accepted")
    } catch {
      guard case .invalidAnswerFile(let diagnostics) = error else {
        Issue.record("\(error)")
        return
      }
      let places = diagnostics.map { "\($0.location?.line ?? 0)" }
      #expect(places == ["3", "6"])
      #expect(
        diagnostics.allSatisfy {
          $0.message.contains("the text is 65537 bytes; a text answer or note holds at most 64 KiB")
        })
    }
  }

  @Test func errorsQuoteOnlyAnExcerptOfWhatWasTyped() throws {
    let kb = try TestKnowledgeBase.load()
    let question = try #require(kb.questions["hosts"])
    let typed = String(repeating: "z", count: 10_000)
    guard case .failure(let problem) = AnswerInterpreter.interpret(typed: typed, for: question)
    else {
      Issue.record("accepted")
      return
    }
    #expect(problem.message.count < 200)
  }
}
