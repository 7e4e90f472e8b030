#if os(Linux)
  import CNetlink
  import Glibc
  import TriageKit

  /// The kernel's TCP socket table through netlink sock_diag (`NETLINK_SOCK_DIAG`,
  /// `SOCK_DIAG_BY_FAMILY` with an `inet_diag_req_v2`), as `ss` reads it: one dump for IPv4, one
  /// for IPv6. Needs no privilege; sees the sockets of this network namespace.
  enum SockDiag {
    /// Linux TCP states 1–12 (12 is TCP_NEW_SYN_RECV, request sockets the kernel reports as
    /// SYN_RECV). Not 13, TCP_BOUND_INACTIVE: sockets that are only bound, which /proc/net/tcp does
    /// not list either, so both sources count the same sockets.
    static let stateMask: UInt32 = 0x1FFE

    /// Longest wait for one reply datagram.
    static let replyTimeoutMilliseconds: Int32 = 5000

    /// Every TCP socket, IPv4 then IPv6.
    static func sockets() throws(ObservationError) -> [TCPSocketRecord] {
      let descriptor = socket(
        AF_NETLINK, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), NETLINK_SOCK_DIAG)
      guard descriptor >= 0 else {
        throw .system(call: "socket(AF_NETLINK, NETLINK_SOCK_DIAG)", code: errno)
      }
      defer { close(descriptor) }
      var records = try dump(descriptor, family: UInt8(AF_INET), sequence: 1)
      records += try dump(descriptor, family: UInt8(AF_INET6), sequence: 2)
      return records
    }

    private static func dump(
      _ descriptor: Int32, family: UInt8, sequence: UInt32
    ) throws(ObservationError) -> [TCPSocketRecord] {
      var request = nettriage_diag_request(family, stateMask, sequence)
      var kernel = sockaddr_nl()
      kernel.nl_family = sa_family_t(AF_NETLINK)
      let requestSize = MemoryLayout<nettriage_diag_request>.size
      let sent = withUnsafePointer(to: &request) { message in
        withUnsafePointer(to: &kernel) { address in
          address.withMemoryRebound(to: sockaddr.self, capacity: 1) { address in
            sendto(
              descriptor, message, requestSize, 0, address,
              socklen_t(MemoryLayout<sockaddr_nl>.size))
          }
        }
      }
      guard sent == requestSize else {
        throw .system(call: "sendto(sock_diag request)", code: sent < 0 ? errno : EIO)
      }
      var buffer = [UInt8](repeating: 0, count: 65_536)
      var records: [TCPSocketRecord] = []
      while true {
        var waiting = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        let ready = poll(&waiting, 1, replyTimeoutMilliseconds)
        if ready < 0 {
          if errno == EINTR { continue }
          throw .system(call: "poll(netlink)", code: errno)
        }
        guard ready > 0 else {
          throw .badReply("no netlink sock_diag reply within \(replyTimeoutMilliseconds / 1000) s")
        }
        let count = buffer.withUnsafeMutableBytes { bytes in
          recv(descriptor, bytes.baseAddress, bytes.count, Int32(MSG_TRUNC))
        }
        if count < 0 {
          if errno == EINTR { continue }
          throw .system(call: "recv(netlink)", code: errno)
        }
        guard count <= buffer.count else {
          throw .badReply("netlink datagram of \(count) bytes larger than the buffer")
        }
        if try parse(Array(buffer[0..<count]), sequence: sequence, into: &records) {
          return records
        }
      }
    }

    /// Reads one datagram's messages into `records`; `true` once the dump's NLMSG_DONE came.
    static func parse(
      _ bytes: [UInt8], sequence: UInt32, into records: inout [TCPSocketRecord]
    ) throws(ObservationError) -> Bool {
      let headerLength = Int(nettriage_nlmsg_hdrlen())
      var offset = 0
      while offset + MemoryLayout<nlmsghdr>.size <= bytes.count {
        let header = load(nlmsghdr.self, from: bytes, at: offset)
        let length = Int(header.nlmsg_len)
        guard length >= MemoryLayout<nlmsghdr>.size, offset + length <= bytes.count else {
          throw .badReply("netlink message of length \(length) at offset \(offset) is cut off")
        }
        defer { offset += Int(nettriage_nlmsg_align(UInt32(length))) }
        guard header.nlmsg_seq == sequence else { continue }
        switch header.nlmsg_type {
        case nettriage_nlmsg_done():
          return true
        case nettriage_nlmsg_error():
          guard length >= headerLength + MemoryLayout<Int32>.size else {
            throw .badReply("netlink error message too short")
          }
          let code = load(Int32.self, from: bytes, at: offset + headerLength)
          throw .system(call: "sock_diag dump", code: -code)
        case nettriage_sock_diag_by_family():
          guard length >= headerLength + MemoryLayout<inet_diag_msg>.size else {
            throw .badReply("inet_diag_msg shorter than \(MemoryLayout<inet_diag_msg>.size) bytes")
          }
          let message = load(inet_diag_msg.self, from: bytes, at: offset + headerLength)
          if let record = record(message) { records.append(record) }
        default:
          continue
        }
      }
      return false
    }

    private static func record(_ message: inet_diag_msg) -> TCPSocketRecord? {
      guard let state = TCPState(linuxCode: Int(message.idiag_state)) else { return nil }
      let width = message.idiag_family == UInt8(AF_INET) ? 4 : 16
      let source = withUnsafeBytes(of: message.id.idiag_src) { Array($0.prefix(width)) }
      let destination = withUnsafeBytes(of: message.id.idiag_dst) { Array($0.prefix(width)) }
      guard let local = IPAddressText.format(source),
        let remote = IPAddressText.format(destination)
      else { return nil }
      return TCPSocketRecord(
        state: state, localAddress: local,
        localPort: Int(UInt16(bigEndian: message.id.idiag_sport)),
        remoteAddress: remote, remotePort: Int(UInt16(bigEndian: message.id.idiag_dport)))
    }

    private static func load<T>(_ type: T.Type, from bytes: [UInt8], at offset: Int) -> T {
      bytes.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: offset, as: T.self) }
    }
  }
#endif
