// The kernel's own declarations for netlink sock_diag, so the census reads TCP sockets with the
// struct layouts of <linux/inet_diag.h> rather than a hand copy of them. Header only: nothing to
// link. Empty on systems other than Linux.
#ifndef NETTRIAGE_CNETLINK_SHIM_H
#define NETTRIAGE_CNETLINK_SHIM_H

#if defined(__linux__)
// Only the kernel's uapi headers: the C library's (sys/socket.h, netinet/in.h, string.h) belong to
// the Glibc module, and including them here too would make Swift see their names in two modules.
#include <linux/inet_diag.h>
#include <linux/netlink.h>
#include <linux/sock_diag.h>

/// IPPROTO_TCP, without <netinet/in.h>.
#define NETTRIAGE_IPPROTO_TCP 6

/// A sock_diag dump request: the netlink header and the inet_diag_req_v2 behind it.
struct nettriage_diag_request {
  struct nlmsghdr header;
  struct inet_diag_req_v2 request;
};

/// A request to dump every TCP socket of `family` (AF_INET or AF_INET6) whose state bit is set in
/// `states` (bit n = Linux TCP state n).
static inline struct nettriage_diag_request nettriage_diag_request(__u8 family, __u32 states,
                                                                   __u32 sequence) {
  struct nettriage_diag_request message = {0};
  message.header.nlmsg_len = sizeof(message);
  message.header.nlmsg_type = SOCK_DIAG_BY_FAMILY;
  message.header.nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP;
  message.header.nlmsg_seq = sequence;
  message.request.sdiag_family = family;
  message.request.sdiag_protocol = NETTRIAGE_IPPROTO_TCP;
  message.request.idiag_states = states;
  return message;
}

/// NLMSG_ALIGN, a macro Swift cannot import.
static inline __u32 nettriage_nlmsg_align(__u32 length) { return NLMSG_ALIGN(length); }

/// NLMSG_HDRLEN, a macro Swift cannot import.
static inline __u32 nettriage_nlmsg_hdrlen(void) { return NLMSG_HDRLEN; }

/// NLMSG_DONE and NLMSG_ERROR as the header's type field holds them.
static inline __u16 nettriage_nlmsg_done(void) { return NLMSG_DONE; }
static inline __u16 nettriage_nlmsg_error(void) { return NLMSG_ERROR; }

/// SOCK_DIAG_BY_FAMILY, the reply type of a dump.
static inline __u16 nettriage_sock_diag_by_family(void) { return SOCK_DIAG_BY_FAMILY; }
#endif

#endif
