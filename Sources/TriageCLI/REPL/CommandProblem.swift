/// A REPL command line that cannot be carried out (an unclosed quote, a bad argument), with the
/// message shown at the prompt.
struct CommandProblem: Error {
  var message: String
}
