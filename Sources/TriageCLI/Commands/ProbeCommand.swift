import ArgumentParser

/// `nettriage probe …`: live observations on this machine, each with timeouts and a budget.
struct ProbeCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "probe",
    abstract: "Observe this machine live: connect to a target, fan out to many.",
    discussion: """
      Every probe touches only what its command line names, never runs a shell and bounds every \
      operation with a timeout. --json prints the result as JSON (see docs/probes.md).
      """,
    subcommands: [ProbeConnectCommand.self, ProbeFanoutCommand.self]
  )
}
