/// A Windows system (Win32, NERR or Winsock) error code as `net use`, `net view`, Explorer and logs
/// report it: its number, symbolic name and message texts.
///
/// The texts are those of winerror.h / lmerr.h and Microsoft's "System Error Codes" pages
/// (docs/evidence.md, domain-facts.md §3). Where Windows versions print different texts for one code
/// (71, 1203, 1219, 1231, 1232) both are listed, the current one first.
struct WindowsSystemError: Sendable {
  /// The code, decimal.
  let code: Int
  /// The symbolic name (`ERROR_BAD_NETPATH`, `WSAETIMEDOUT`).
  let name: String
  /// The message texts, current first.
  let messages: [String]

  /// The codes NetTriage knows by name and message, the ones a sweep over SMB meets.
  static let known: [WindowsSystemError] = [
    .init(code: 5, name: "ERROR_ACCESS_DENIED", messages: ["Access is denied."]),
    .init(code: 53, name: "ERROR_BAD_NETPATH", messages: ["The network path was not found."]),
    .init(
      code: 64, name: "ERROR_NETNAME_DELETED",
      messages: ["The specified network name is no longer available."]),
    .init(code: 67, name: "ERROR_BAD_NET_NAME", messages: ["The network name cannot be found."]),
    .init(
      code: 71, name: "ERROR_REQ_NOT_ACCEP",
      messages: [
        "No more connections can be made to this remote computer at this time because there are already as many connections as the computer can accept.",
        "The network request was not accepted.",
      ]),
    .init(
      code: 85, name: "ERROR_ALREADY_ASSIGNED",
      messages: ["The local device name is already in use."]),
    .init(
      code: 86, name: "ERROR_INVALID_PASSWORD",
      messages: ["The specified network password is not correct."]),
    .init(code: 87, name: "ERROR_INVALID_PARAMETER", messages: ["The parameter is incorrect."]),
    .init(
      code: 1203, name: "ERROR_NO_NET_OR_BAD_PATH",
      messages: [
        "The network path was either typed incorrectly, does not exist, or the network provider is not currently available. Please try retyping the path or contact your network administrator.",
        "No network provider accepted the given network path.",
      ]),
    .init(
      code: 1219, name: "ERROR_SESSION_CREDENTIAL_CONFLICT",
      messages: [
        "Multiple connections to a server or shared resource by the same user, using more than one user name, are not allowed. Disconnect all previous connections to the server or shared resource and try again.",
        "The credentials supplied conflict with an existing set of credentials.",
      ]),
    .init(
      code: 1231, name: "ERROR_NETWORK_UNREACHABLE",
      messages: [
        "The network location cannot be reached. For information about network troubleshooting, see Windows Help.",
        "The remote network is not reachable by the transport.",
      ]),
    .init(
      code: 1232, name: "ERROR_HOST_UNREACHABLE",
      messages: [
        "The network location cannot be reached. For information about network troubleshooting, see Windows Help.",
        "The remote system is not reachable by the transport.",
      ]),
    .init(
      code: 1272, name: "ERROR_SMB_GUEST_LOGON_BLOCKED",
      messages: [
        "You can't access this shared folder because your organization's security policies block unauthenticated guest access."
      ]),
    .init(
      code: 2250, name: "NERR_UseNotFound",
      messages: ["The network connection could not be found."]),
    .init(
      code: 10048, name: "WSAEADDRINUSE",
      messages: [
        "Only one usage of each socket address (protocol/network address/port) is normally permitted."
      ]),
    .init(
      code: 10053, name: "WSAECONNABORTED",
      messages: ["An established connection was aborted by the software in your host machine."]),
    .init(
      code: 10054, name: "WSAECONNRESET",
      messages: ["An existing connection was forcibly closed by the remote host."]),
    .init(
      code: 10055, name: "WSAENOBUFS",
      messages: [
        "An operation on a socket could not be performed because the system lacked sufficient buffer space or because a queue was full."
      ]),
    .init(
      code: 10060, name: "WSAETIMEDOUT",
      messages: [
        "A connection attempt failed because the connected party did not properly respond after a period of time, or established connection failed because connected host has failed to respond."
      ]),
    .init(
      code: 10061, name: "WSAECONNREFUSED",
      messages: ["No connection could be made because the target machine actively refused it."]),
    .init(
      code: 10065, name: "WSAEHOSTUNREACH",
      messages: ["A socket operation was attempted to an unreachable host."]),
    .init(code: 11001, name: "WSAHOST_NOT_FOUND", messages: ["No such host is known."]),
  ]

  /// The known error with this code.
  static func code(_ code: Int) -> WindowsSystemError? {
    known.first { $0.code == code }
  }

  /// The known error with this symbolic name (exact spelling).
  static func named(_ name: ArraySlice<UInt8>) -> WindowsSystemError? {
    known.first { $0.name.utf8.elementsEqual(name) }
  }

  /// How many leading bytes of a message identify it: long enough to tell 53's 'The network path
  /// was not found.' from 1203's 'The network path was either…', short enough to survive a line
  /// wrapped by the console.
  private static let signatureLength = 34

  /// Message signatures with the codes whose text starts that way (1231 and 1232 share theirs).
  private static let signatures: [(bytes: [UInt8], codes: [Int])] = {
    var result: [(bytes: [UInt8], codes: [Int])] = []
    for error in known {
      for message in error.messages {
        let signature = Array(message.utf8.prefix(signatureLength))
        if let index = result.firstIndex(where: { $0.bytes == signature }) {
          result[index].codes.append(error.code)
        } else {
          result.append((signature, [error.code]))
        }
      }
    }
    return result
  }()

  /// The codes whose message appears in `line`, with where it starts; the first match wins.
  static func message(in line: ArraySlice<UInt8>) -> (codes: [Int], start: Int)? {
    for signature in signatures {
      if let start = Bytes.find(signature.bytes, in: line) {
        return (signature.codes, start)
      }
    }
    return nil
  }
}
