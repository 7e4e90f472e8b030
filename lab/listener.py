#!/usr/bin/env python3
"""TCP listener for the NetTriage flood lab (lab/flood-lab.sh starts it inside the namespace).

Usage: listener.py READY_FILE PORT [PORT ...]

Listens on every given port on all addresses (IPv6 and IPv4), accepts every connection and keeps
it open until the client closes it, then closes its side, so a closed connection leaves conntrack
(TIME_WAIT on the client) and no longer counts against a connlimit rule. Reads and discards
whatever a client sends. Writes READY_FILE once every port listens. Takes no other input.
"""
import os
import resource
import selectors
import signal
import socket
import sys


def listening_socket(port):
    try:
        sock = socket.socket(socket.AF_INET6, socket.SOCK_STREAM)
        sock.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 0)
        address = ("::", port)
    except OSError:
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        address = ("0.0.0.0", port)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(address)
    sock.listen(4096)
    sock.setblocking(False)
    return sock


def main():
    if len(sys.argv) < 3:
        sys.exit("usage: listener.py READY_FILE PORT [PORT ...]")
    # Close whatever the starter left open (a test runner's pipes, or the socket Foundation's
    # Process watches to see its child end): the listener outlives the script that starts it.
    os.closerange(3, os.sysconf("SC_OPEN_MAX"))
    ready_file = sys.argv[1]
    ports = [int(port) for port in sys.argv[2:]]
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft != hard:
        resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    selector = selectors.DefaultSelector()
    for port in ports:
        selector.register(listening_socket(port), selectors.EVENT_READ, "listen")
    temporary = ready_file + ".tmp"
    with open(temporary, "w") as ready:
        ready.write("%d\n" % os.getpid())
    os.rename(temporary, ready_file)
    while True:
        for key, _ in selector.select():
            sock = key.fileobj
            if key.data == "listen":
                while True:
                    try:
                        connection, _ = sock.accept()
                    except (BlockingIOError, InterruptedError):
                        break
                    except OSError:
                        break  # out of descriptors: the backlog keeps the rest waiting
                    connection.setblocking(False)
                    selector.register(connection, selectors.EVENT_READ, "peer")
            else:
                try:
                    data = sock.recv(4096)
                except (BlockingIOError, InterruptedError):
                    continue
                except OSError:
                    data = b""
                if not data:
                    selector.unregister(sock)
                    sock.close()


if __name__ == "__main__":
    main()
