#!/usr/bin/env python3
"""Holds N TCP sockets open on loopback for the census benchmark: a listener and N/2 connections
to it (each gives a client and an accepted socket, both ESTABLISHED). Meant to run inside a network
namespace the benchmark made. Writes READY_FILE once all are connected, then waits to be killed.

Usage: sockets.py N READY_FILE
"""
import resource
import socket
import sys
import time


def main():
    count, ready = int(sys.argv[1]), sys.argv[2]
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    want = count + 64
    if soft < want:
        try:  # root may raise the hard limit too
            resource.setrlimit(resource.RLIMIT_NOFILE, (want, max(want, hard)))
        except (ValueError, OSError):
            resource.setrlimit(resource.RLIMIT_NOFILE, (min(want, hard), hard))
            soft, _ = resource.getrlimit(resource.RLIMIT_NOFILE)
            count = min(count, soft - 64)
            print("sockets.py: descriptor limit %d, holding %d sockets" % (soft, count),
                  file=sys.stderr)
    listener = socket.socket()
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", 0))
    listener.listen(4096)
    address = listener.getsockname()
    held = []
    for _ in range(count // 2):
        client = socket.create_connection(address)
        server, _ = listener.accept()
        held += [client, server]
    with open(ready, "w") as f:
        f.write("%d\n" % len(held))
    while True:
        time.sleep(3600)


if __name__ == "__main__":
    main()
