import Foundation
import Testing
import TriageKit

@testable import TriageCLI

@Suite struct TypedAnswerTests {
  /// The embedded knowledge base (`directory` is set, as parsing would, before it is read).
  static let kb: KnowledgeBase = {
    var options = KnowledgeBaseOptions()
    options.directory = nil
    return try! options.load()
  }()

  static func question(_ id: String) throws -> QuestionNode {
    try #require(kb.questions[id])
  }

  @Test(arguments: [
    ("~500", "500"), ("about 500", "500"), ("around 1,200 hosts", "1200"), ("500 hosts", "500"),
    ("approx. 30", "30"), ("500", "500"), ("unknown", "unknown"),
  ])
  func numbersAsPeopleTypeThem(typed: String, read: String) throws {
    #expect(TypedAnswer.normalized(typed, for: try Self.question("hosts-per-sweep")) == read)
  }

  @Test(arguments: [
    ("System error 53 has occurred.", "53"), ("error 1203", "1203"), ("0x35", "53"),
    ("Winsock 10060", "10060"), ("53", "53"),
  ])
  func errorCodesWithOrWithoutTheirWords(typed: String, read: String) throws {
    #expect(TypedAnswer.normalized(typed, for: try Self.question("error-code")) == read)
  }

  /// error-code takes several choices: a list the interpreter reads stays as typed.
  @Test(arguments: ["53 1203", "53,1203", "1, 3"])
  func aListOfChoicesStaysAsTyped(typed: String) throws {
    let question = try Self.question("error-code")
    #expect(question.type == .multipleChoice)
    #expect(TypedAnswer.normalized(typed, for: question) == typed)
  }

  @Test func aHexadecimalResultCodePicksTheChoiceThatNamesIt() throws {
    let question = try Self.question("isa-log-finding")
    #expect(TypedAnswer.normalized("0xC0040037", for: question) == "rate-quota")
    #expect(TypedAnswer.normalized("0xc004000d", for: question) == "policy-denied")
  }

  @Test func aCodeThatIsNoChoiceIsLeftForTheInterpreterToRefuse() throws {
    #expect(
      TypedAnswer.normalized("error 12345", for: try Self.question("error-code")) == "error 12345")
  }

  @Test func theInterpreterAcceptsWhatItIsGiven() throws {
    let question = try Self.question("error-code")
    let value = try AnswerInterpreter.interpret(
      typed: TypedAnswer.normalized("System error 53 has occurred.", for: question), for: question
    ).get()
    #expect(value == .list(["53"]), "error-code takes several choices: a list of one")
  }
}
