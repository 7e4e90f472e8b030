import ArgumentParser
import TriageKit

/// The exit codes of `nettriage`, a contract for scripts (see README and architecture.md).
public enum ExitStatus: Int32, CaseIterable, Sendable {
  /// A cause was diagnosed.
  case diagnosed = 0
  /// The path ended without a cause.
  case inconclusive = 1
  /// The session ended before a conclusion (a non-interactive run lacked answers).
  case incomplete = 2
  /// The command line was wrong.
  case usage = 64
  /// Invalid input: a knowledge base, an answer file, evidence, a journal.
  case invalidInput = 65
  /// An input file is missing or cannot be read (a directory, a device, permission denied).
  case inputMissing = 66
  /// An output cannot be written (or exists, without --force).
  case cannotWrite = 73
  /// Interrupted.
  case interrupted = 130

  /// The status for a session's outcome.
  public init(_ outcome: Report.Outcome) {
    switch outcome {
    case .diagnosed: self = .diagnosed
    case .inconclusive: self = .inconclusive
    case .incomplete: self = .incomplete
    }
  }

  /// The status for an error.
  public init(_ error: TriageError) {
    switch error {
    case .invalidKnowledgeBase, .invalidAnswerFile, .invalidEvidence, .invalidInput, .cycle:
      self = .invalidInput
    case .inputMissing, .unreadable: self = .inputMissing
    case .outputExists, .cannotWrite: self = .cannotWrite
    }
  }

  var exitCode: ExitCode { ExitCode(rawValue) }

  /// The table for `--help`, one short line a code so that it survives being wrapped to a
  /// narrow terminal (README's table says more).
  static let helpText = """
    Exit codes:
      0    diagnosed: a cause was found
      1    inconclusive: no cause fits
      2    incomplete: answers missing (IDs printed)
      64   usage: the command line is wrong
      65   invalid input (file:line:column given)
      66   an input file is missing or unreadable
      73   an output cannot be written (or exists)
      130  interrupted
    """
}

/// Runs `body`, printing a TriageError to standard error and turning it into its exit code.
func exitingOnError<T>(_ body: () throws(TriageError) -> T) throws(ExitCode) -> T {
  do {
    return try body()
  } catch {
    Terminal.standardError.write(
      VisibleText.message(ErrorMessage.formatted(error.description)) + "\n")
    throw ExitStatus(error).exitCode
  }
}
