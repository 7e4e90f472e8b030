/// `getaddrinfo`'s error: its code (`EAI_NONAME`…) and the library's message.
struct SystemResolverError: Error, Sendable {
  var code: Int32
  var message: String
}
