import Foundation
import TriageKit

/// Runs a probe step in the background while the terminal shows a live progress line; Ctrl-C
/// abandons the probe and returns to the prompt.
///
/// The probe itself cannot be stopped half-way (it has its own timeouts and connection budget),
/// so an abandoned probe finishes unseen and its result is dropped.
enum ProbeProgress {
  /// What became of the run.
  enum Outcome {
    case finished(Observation)
    case cancelled
  }

  static func run(
    _ probe: ProbeNode, arguments: [String: String], on terminal: Terminal,
    runner: @escaping @Sendable (ProbeNode, [String: String]) -> Observation = ProbeRunner.run
  ) -> Outcome {
    let box = ResultBox()
    let thread = Thread {
      box.set(runner(probe, arguments))
    }
    thread.start()
    let started = Date()
    let frames = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"]
    var frame = 0
    let live = terminal.isTerminal
    let clear = "\r\u{1B}[K"
    let name = VisibleText.escaped(probe.probe, keepingColours: false)
    if !live { terminal.line("running probe \(probe.probe)…") }
    return InterruptHandler.cancellable {
      while true {
        if let observation = box.value {
          if live { terminal.write(clear, verbatim: true) }
          return .finished(observation)
        }
        if InterruptHandler.cancelRequested {
          if live { terminal.write(clear, verbatim: true) }
          return .cancelled
        }
        if live {
          let seconds = Int(Date().timeIntervalSince(started))
          // The line's own carriage return and erase pass as they are; the probe's name (the
          // knowledge base's text) is escaped like any other.
          terminal.write(
            clear
              + terminal.styled(
                "\(frames[frame % frames.count]) running probe \(name)… \(seconds) s (Ctrl-C cancels)",
                .dim), verbatim: true)
          frame += 1
        }
        Thread.sleep(forTimeInterval: 0.1)
      }
    }
  }

  private final class ResultBox: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: Observation?
    var value: Observation? { lock.withLock { stored } }
    func set(_ observation: Observation) { lock.withLock { stored = observation } }
  }
}
