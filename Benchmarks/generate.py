#!/usr/bin/env python3
"""Writes a realistic input of a given size for the benchmarks, built from a real output.

Usage: generate.py KIND LINES OUT

KIND is one of linux-netstat, windows-netstat, bsd-netstat, ss, ipconfig, isa-log. The header and
the layout of every row come from a real output among the importer fixtures
(Tests/TriageEvidenceTests/Fixtures/, sources in each folder's SOURCES.md): each generated row is a
real row of that file with its local port, remote address, remote port and state rewritten in
place (same columns, same padding), so the result reads like that machine during a sweep of SMB
hosts: a mix of TIME_WAIT, ESTABLISHED and SYN_SENT to a few thousand hosts on 445 and 139.
The output is deterministic: the same arguments give the same bytes.
"""
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURES = os.path.join(HERE, "..", "Tests", "TriageEvidenceTests", "Fixtures")

# kind: (fixture, row test, local field, remote field, state field, port separator, state spellings)
SWEEP = ["TIME_WAIT"] * 8 + ["ESTABLISHED"] * 6 + ["SYN_SENT"] * 4 + ["CLOSE_WAIT", "FIN_WAIT_2"]
TABLES = {
    "linux-netstat": ("netstat/ubuntu-netstat-aptn.out", lambda f: f[0] in ("tcp", "tcp6"),
                      3, 4, 5, ":", {"FIN_WAIT_2": "FIN_WAIT2"}),
    "windows-netstat": ("netstat/windows-10-netstat-an.out", lambda f: f[0] == "TCP",
                        1, 2, 3, ":", {}),
    "bsd-netstat": ("netstat/freebsd12-netstat-an.out", lambda f: f[0] in ("tcp4", "tcp6"),
                    3, 4, 5, ".", {}),
    "ss": ("ss/ss-tnp.out", lambda f: f[0] in ("ESTAB", "LISTEN", "TIME-WAIT", "SYN-SENT"),
           3, 4, 0, ":", {"ESTABLISHED": "ESTAB", "TIME_WAIT": "TIME-WAIT", "SYN_SENT": "SYN-SENT",
                          "CLOSE_WAIT": "CLOSE-WAIT", "FIN_WAIT_2": "FIN-WAIT-2"}),
}


def fields_with_spans(line):
    return [(m.start(), m.end(), m.group()) for m in re.finditer(r"\S+", line)]


def rewrite(line, spans, index, value):
    """Puts `value` in field `index`, keeping the columns after it where they were when it fits."""
    start, end, _ = spans[index]
    following = spans[index + 1][0] if index + 1 < len(spans) else None
    if following is None:
        return line[:start] + value + line[end:]
    room = following - start
    if len(value) < room:
        return line[:start] + value + " " * (room - len(value)) + line[following:]
    return line[:start] + value + " " + line[following:]


def remote_host(i):
    host = i % 4093  # a sweep over a few thousand hosts
    return "10.%d.%d.%d" % (20 + host // 65536, (host // 254) % 256, host % 254 + 1)


def table(kind, count, out):
    path, is_row, local, remote, state, sep, spelling = TABLES[kind]
    with open(os.path.join(FIXTURES, path), encoding="utf-8", newline="") as f:
        lines = f.read().splitlines()
    first = next(i for i, l in enumerate(lines) if l.split() and is_row(l.split()))
    header = lines[:first]
    templates = [l for l in lines[first:] if l.split() and is_row(l.split())
                 and ("LISTEN" not in l.split())]
    newline = "\r\n" if kind == "windows-netstat" else "\n"
    out.write(newline.join(header) + newline)
    for i in range(max(0, count - len(header))):
        template = templates[i % len(templates)]
        spans = fields_with_spans(template)
        local_address = spans[local][2].rsplit(sep, 1)[0]
        name = SWEEP[i % len(SWEEP)]
        port = 445 if i % 5 else 139
        line = template
        # Right to left, so earlier spans stay valid.
        for index, value in sorted([
            (local, "%s%s%d" % (local_address, sep, 1024 + i % 64000)),
            (remote, "%s%s%d" % (remote_host(i), sep, port)),
            (state, spelling.get(name, name)),
        ], reverse=True):
            line = rewrite(line, fields_with_spans(line), index, value)
        out.write(line + newline)


def ipconfig(count, out):
    with open(os.path.join(FIXTURES, "ipconfig/windows-10-all.txt"), encoding="utf-8") as f:
        lines = f.read().splitlines()
    starts = [i for i, l in enumerate(lines) if l and not l.startswith(" ") and l.endswith(":")]
    header = lines[:starts[0]]
    blocks = [lines[a:b] for a, b in zip(starts, starts[1:] + [len(lines)])]
    written = len(header)
    out.write("\r\n".join(header) + "\r\n")
    n = 0
    while written < count:
        block = blocks[n % len(blocks)]
        text = "\r\n".join(block)
        text = re.sub(r"adapter ([^:\r\n]+):", lambda m: "adapter %s #%d:" % (m.group(1), n), text,
                      count=1)
        text = re.sub(r"(IPv4 Address[ .]*: )\d+\.\d+\.\d+\.\d+",
                      lambda m: m.group(1) + "10.%d.%d.%d" % (n // 65536 % 256, n // 256 % 256,
                                                               n % 254 + 1), text)
        out.write(text + "\r\n")
        written += len(block)
        n += 1


def isa_log(count, out):
    with open(os.path.join(FIXTURES, "isa-w3c/isa2004-firewall.w3c.log"), encoding="utf-8",
              newline="") as f:
        lines = f.read().splitlines()
    header = [l for l in lines if l.startswith("#")]
    records = [l for l in lines if l and not l.startswith("#")]
    out.write("\r\n".join(header) + "\r\n")
    for i in range(max(0, count - len(header))):
        fields = records[i % len(records)].split("\t")
        client = "192.168.%d.%d" % (100 + i // 254 % 50, i % 254 + 1)
        fields[4] = re.sub(r"^\d+\.\d+\.\d+\.\d+", client, fields[4])
        fields[6] = client
        out.write("\t".join(fields) + "\r\n")


def main():
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    kind, count, path = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    with open(path, "w", encoding="utf-8", newline="") as out:
        if kind in TABLES:
            table(kind, count, out)
        elif kind == "ipconfig":
            ipconfig(count, out)
        elif kind == "isa-log":
            isa_log(count, out)
        else:
            sys.exit("unknown kind '%s'; kinds: %s" % (kind, ", ".join(list(TABLES) +
                                                                       ["ipconfig", "isa-log"])))


if __name__ == "__main__":
    main()
