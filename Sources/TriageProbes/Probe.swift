import Foundation
import TriageKit

/// A live observation on this machine. Every network operation has a timeout; nothing ever goes
/// through a shell.
public protocol Probe: Sendable {
  /// `census`, `limits`…
  static var name: String { get }
  /// What a knowledge base sees of it: its name, the arguments a probe step passes, the facts it
  /// gives (``ProbeRegistry`` lists every probe).
  static var declaration: ProbeDeclaration { get }
  /// The probe a probe step asks for, from its filled-in arguments, which already satisfy
  /// ``declaration``; throws when they still cannot make a probe (a targets file that cannot be
  /// read).
  init(arguments: [String: String]) throws(ProbeSetupError)
  /// What it will touch, for the person's consent: "open up to 200 TCP connections to the 500
  /// hosts in targets.txt".
  var consentText: String { get }
  /// Runs it. Never throws: failures are a ``ProbeResult/Status``.
  func run() async -> ProbeResult
}
