import Testing
import TriageKit

@testable import TriageProbes

#if canImport(Glibc)
  import Glibc
#endif

@Suite("connect probe (loopback)")
struct ConnectProbeTests {
  @Test func connectsToAListener() async throws {
    let listener = try LoopbackListener()
    let result = await ConnectProbe(target: HostPort(host: "127.0.0.1", port: listener.port)).run()
    #expect(result.status == .ok)
    #expect(result.facts["probe.connect.outcome"] == .string("connected"))
    #expect(result.facts["probe.connect.connected"] == .bool(true))
    #expect(result.json["address"]?.stringValue == "127.0.0.1:\(listener.port)")
  }

  @Test func aClosedPortIsRefused() throws {
    let port = try LoopbackListener.closedPort()
    let result = ConnectProbe(target: HostPort(host: "127.0.0.1", port: port), timeout: 2).runNow()
    #expect(result.status == .ok)
    #expect(result.facts["probe.connect.outcome"] == .string("refused"))
    #expect(result.json["errno"]?.stringValue == "ECONNREFUSED")
  }

  @Test func aSourceAddressNotOnThisMachineIsALocalError() throws {
    let listener = try LoopbackListener()
    let result = ConnectProbe(
      target: HostPort(host: "127.0.0.1", port: listener.port), source: "192.0.2.1"
    ).runNow()
    #expect(result.facts["probe.connect.outcome"] == .string("local-error"))
    #expect(result.json["errno"]?.stringValue == "EADDRNOTAVAIL")
    #expect(
      result.json["message"]?.stringValue
        == "local error in bind (EADDRNOTAVAIL: the source address is not on this machine)")
  }

  @Test func aSourceOfTheOtherFamilyIsALocalError() throws {
    let listener = try LoopbackListener()
    let result = ConnectProbe(
      target: HostPort(host: "127.0.0.1", port: listener.port), source: "::1"
    ).runNow()
    #expect(result.facts["probe.connect.outcome"] == .string("local-error"))
    #expect(result.json["errno"]?.stringValue == "EAFNOSUPPORT")
  }

  @Test func aSourceThatIsNotAnAddressFailsTheProbe() {
    let result = ConnectProbe(target: HostPort(host: "127.0.0.1", port: 1), source: "me").runNow()
    #expect(result.status == .failed("the source 'me' is not a numeric IPv4 or IPv6 address"))
  }

  @Test func consentNamesTheTargetAndTimeout() {
    let probe = ConnectProbe(target: HostPort(host: "fileserver", port: 445), timeout: 2.5)
    #expect(
      probe.consentText
        == "open one TCP connection to 'fileserver:445' (timeout 2.5 s) and close it at once")
  }

  @Test(arguments: [
    (Int32(0), "connected"), (ECONNREFUSED, "refused"), (ECONNRESET, "refused"),
    (ETIMEDOUT, "timed-out"), (EHOSTUNREACH, "unreachable"), (ENETUNREACH, "unreachable"),
    (EADDRNOTAVAIL, "local-error"), (EMFILE, "local-error"), (EADDRINUSE, "local-error"),
  ])
  func classifiesEveryErrno(code: Int32, kind: String) {
    #expect(ConnectOutcome.classify(code).kind == kind)
  }

  @Test func localErrorsNameTheErrnoAndWhatItMeans() {
    #expect(
      ConnectOutcome.localError(step: "connect", errno: EADDRNOTAVAIL).message
        == "local error in connect (EADDRNOTAVAIL: address not available: out of local ports)")
    #expect(
      ConnectOutcome.localError(step: "socket", errno: EMFILE).message
        == "local error in socket (EMFILE: too many open files)")
  }
}
