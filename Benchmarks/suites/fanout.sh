#!/bin/sh
# Fan-out on loopback: `nettriage probe fanout` against a Python asyncio connect loop over the same
# targets (paired runs, alternating which goes first), the requested rate against the rate a
# listener saw (60 to 60,000 a minute, within 5 %), and targets that refuse from the start, which
# must be reported "refused", never a limit. Network only to 127.0.0.1-16 (listeners this script
# starts, bound to those addresses); nothing needs root.
#
# Usage: fanout.sh tiny|full, with NETTRIAGE set to the release binary (Benchmarks/run.sh does
# both). Prints one JSON row a case on standard output (the harness contract: suite, case,
# subject, baseline, ratio, subject_s, baseline_s, subject_rss_mb, baseline_rss_mb, runs, target,
# met, note). `tiny` takes about 20 s.
set -eu
size=${1:-}
case $size in
  tiny | full) ;;
  *)
    echo "usage: fanout.sh tiny|full (with NETTRIAGE set to the nettriage binary)" >&2
    exit 64
    ;;
esac
if [ -z "${NETTRIAGE:-}" ] || [ ! -x "$NETTRIAGE" ]; then
  echo "fanout.sh: NETTRIAGE must name the nettriage binary (got '${NETTRIAGE:-}')" >&2
  exit 66
fi
command -v python3 >/dev/null 2>&1 || {
  echo "fanout.sh: needs python3 (the listener and the asyncio baseline)" >&2
  exit 69
}
if [ -n "${BENCH_WORK:-}" ]; then
  work="$BENCH_WORK/fanout"
  mkdir -p "$work"
else
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
fi

# The asyncio baseline: the connect loop a Python user writes, at most N at once, each connection
# closed as soon as it is made.
cat >"$work/asyncio_fanout.py" <<'PY'
import asyncio, sys

async def main(path, limit):
    targets = []
    for line in open(path):
        line = line.strip()
        if line and not line.startswith("#"):
            host, port = line.rsplit(":", 1)
            targets.append((host, int(port)))
    gate = asyncio.Semaphore(limit)
    counts = {}

    async def connect(host, port):
        async with gate:
            try:
                _, writer = await asyncio.wait_for(asyncio.open_connection(host, port), 5)
                writer.close()
                await writer.wait_closed()
                outcome = "connected"
            except ConnectionRefusedError:
                outcome = "refused"
            except (asyncio.TimeoutError, OSError) as error:
                outcome = type(error).__name__
            counts[outcome] = counts.get(outcome, 0) + 1

    await asyncio.gather(*(connect(host, port) for host, port in targets))
    print(" ".join("%s=%d" % item for item in sorted(counts.items())))

asyncio.run(main(sys.argv[1], int(sys.argv[2])))
PY

# The listener: accepts on the given address:port pairs, closes each connection when the client
# does (so TIME_WAIT stays on the client), and logs "port monotonic-time" per accept to a file,
# flushed within 0.1 s. Exits when its standard input closes.
cat >"$work/listener.py" <<'PY'
import os, selectors, socket, sys, time

log = open(sys.argv[1], "w")
selector = selectors.DefaultSelector()
for pair in sys.argv[2:]:
    host, port = pair.rsplit(":", 1)
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, int(port)))
    sock.listen(4096)
    sock.setblocking(False)
    selector.register(sock, selectors.EVENT_READ, "listen")
selector.register(sys.stdin, selectors.EVENT_READ, "stdin")
print("ready", flush=True)
pending = []
last_flush = time.monotonic()
while True:
    for key, _ in selector.select(0.1):
        if key.data == "stdin":
            if not sys.stdin.readline():
                log.writelines(pending)
                log.close()
                sys.exit(0)
        elif key.data == "listen":
            while True:
                try:
                    connection, _ = key.fileobj.accept()
                except (BlockingIOError, InterruptedError):
                    break
                except OSError:
                    break
                pending.append("%d %.6f\n" % (key.fileobj.getsockname()[1], time.monotonic()))
                connection.setblocking(False)
                selector.register(connection, selectors.EVENT_READ, "connection")
        else:
            try:
                data = key.fileobj.recv(4096)
            except (BlockingIOError, InterruptedError):
                continue
            except OSError:
                data = b""
            if not data:
                selector.unregister(key.fileobj)
                key.fileobj.close()
    now = time.monotonic()
    if pending and now - last_flush >= 0.1:
        log.writelines(pending)
        log.flush()
        pending = []
        last_flush = now
PY

cat >"$work/fanout_bench.py" <<'PY'
import json, os, socket, statistics, subprocess, sys, time

size, nettriage, work = sys.argv[1], sys.argv[2], sys.argv[3]
tiny = size == "tiny"
HOSTS = ["127.0.0.%d" % index for index in range(1, 17)]


def free_port():
    """A port free on every listener address (bound, then released)."""
    while True:
        probe = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
        probe.close()
        try:
            held = []
            for host in HOSTS:
                sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
                sock.bind((host, port))
                held.append(sock)
            for sock in held:
                sock.close()
            return port
        except OSError:
            for sock in held:
                sock.close()


def targets_file(name, count, port, first=None):
    """`count` targets spread over the listener's sixteen addresses (so no address:port pair runs
    out of the client's ephemeral ports); `first` replaces the first line."""
    path = os.path.join(work, name)
    with open(path, "w") as out:
        for index in range(count):
            if index == 0 and first:
                out.write(first + "\n")
            else:
                out.write("%s:%d\n" % (HOSTS[index % len(HOSTS)], port))
    return path


def run_with_rss(command):
    """Runs `command` with fork/exec and wait4; returns (seconds, max RSS MB, status, stdout)."""
    read_end, write_end = os.pipe()
    error_read, error_write = os.pipe()
    start = time.monotonic()
    pid = os.fork()
    if pid == 0:
        os.dup2(write_end, 1)
        os.dup2(error_write, 2)
        os.close(read_end)
        os.close(error_read)
        devnull = os.open(os.devnull, os.O_RDONLY)
        os.dup2(devnull, 0)
        try:
            os.execv(command[0], command)
        finally:
            os._exit(127)
    os.close(write_end)
    os.close(error_write)
    chunks = []
    with os.fdopen(read_end, "rb") as stream:
        for chunk in iter(lambda: stream.read(65536), b""):
            chunks.append(chunk)
    errors = os.fdopen(error_read, "rb").read()
    _, status, usage = os.wait4(pid, 0)
    seconds = time.monotonic() - start
    code = os.waitstatus_to_exitcode(status)
    if code != 0:
        sys.stderr.write("%s exited %d: %s\n" % (command[0], code, errors.decode(errors="replace")[-500:]))
    return seconds, usage.ru_maxrss / 1024, code, b"".join(chunks).decode(errors="replace")


def emit(row):
    print(json.dumps(row), flush=True)


def fanout_command(targets, rate, extra=()):
    return [nettriage, "probe", "fanout", "--targets", targets, "--max-concurrent", "500",
            "--rate", rate, "--timeout", "5", *extra]


def asyncio_command(targets):
    return [sys.executable, os.path.join(work, "asyncio_fanout.py"), targets, "500"]


def paired(case, targets, rate, runs, note):
    """Subject and baseline, `runs` times each, alternating which goes first."""
    subject, baseline = [], []
    connected = None
    for run in range(runs):
        order = [("subject", fanout_command(targets, rate, ["--json"])),
                 ("baseline", asyncio_command(targets))]
        if run % 2:
            order.reverse()
        for who, command in order:
            seconds, rss, code, out = run_with_rss(command)
            if code != 0:
                emit({"suite": "fanout", "case": case, "error": "%s exited %d" % (who, code)})
                return
            if who == "subject":
                subject.append((seconds, rss))
                connected = json.loads(out)["connected"]
            else:
                baseline.append((seconds, rss))
                baseline_counts = out.strip()
    best_subject = min(seconds for seconds, _ in subject)
    best_baseline = min(seconds for seconds, _ in baseline)
    ratio = best_subject / best_baseline
    emit({
        "suite": "fanout", "case": case, "subject": "nettriage", "baseline": "python asyncio",
        "ratio": round(ratio, 3),
        "ratio_median": round(statistics.median(s for s, _ in subject)
                              / statistics.median(s for s, _ in baseline), 3),
        "subject_s": round(best_subject, 4), "baseline_s": round(best_baseline, 4),
        "subject_rss_mb": round(max(rss for _, rss in subject), 1),
        "baseline_rss_mb": round(max(rss for _, rss in baseline), 1),
        "runs": runs, "target": "<= 1", "met": ratio <= 1,
        "note": "%s; min of %d paired runs (medians %.3f s vs %.3f s); nettriage connected %s, "
                "asyncio %s" % (note, runs, statistics.median(s for s, _ in subject),
                                statistics.median(s for s, _ in baseline), connected,
                                baseline_counts),
    })


def accepts(log_path, port, since, until):
    times = []
    with open(log_path) as log:
        for line in log:
            fields = line.split()
            if len(fields) == 2 and int(fields[0]) == port:
                moment = float(fields[1])
                if since <= moment <= until:
                    times.append(moment)
    return sorted(times)


def rate_case(per_minute, count, runs, port, log_path):
    """Requested against achieved, measured from the listener's accept times."""
    targets = targets_file("rate-%d.txt" % per_minute, count, port)
    ratios, seconds_list, rss_list, notes = [], [], [], []
    for _ in range(runs):
        since = time.monotonic()
        seconds, rss, code, _ = run_with_rss(fanout_command(targets, "%d/min" % per_minute))
        if code != 0:
            emit({"suite": "fanout", "case": "requested rate %d/min" % per_minute,
                  "error": "nettriage exited %d" % code})
            return
        until = time.monotonic()
        time.sleep(0.3)  # the listener flushes its log every 0.1 s
        times = accepts(log_path, port, since, until)
        if len(times) < 2:
            emit({"suite": "fanout", "case": "requested rate %d/min" % per_minute,
                  "error": "the listener saw %d connections" % len(times)})
            return
        achieved = (len(times) - 1) / (times[-1] - times[0]) * 60
        ratios.append(achieved / per_minute)
        seconds_list.append(seconds)
        rss_list.append(rss)
        notes.append("%.1f/min (%d accepted)" % (achieved, len(times)))
    ratio = statistics.median(ratios)
    worst = max(abs(r - 1) for r in ratios)
    emit({
        "suite": "fanout", "case": "requested rate %s/min, %d connects" % (
            format(per_minute, ","), count),
        "subject": "nettriage", "baseline": "requested rate", "ratio": round(ratio, 4),
        "subject_s": round(statistics.median(seconds_list), 3),
        "baseline_s": round((count - 1) * 60 / per_minute, 3),
        "subject_rss_mb": round(max(rss_list), 1), "baseline_rss_mb": None,
        "runs": runs, "target": "within 5%", "met": worst <= 0.05,
        "note": "achieved rate from the listener's accept times, first to last (baseline_s is "
                "the ideal span); runs: %s" % ", ".join(notes),
    })


def refused_case(case, targets, runs, expectation):
    """Targets that refuse: the reported finding must be 'refused'."""
    subject, baseline, reported = [], [], []
    for run in range(runs):
        seconds, rss, code, out = run_with_rss(
            fanout_command(targets, "100000000/min", ["--json"]))
        if code != 0:
            emit({"suite": "fanout", "case": case, "error": "nettriage exited %d" % code})
            return
        result = json.loads(out)
        limit = result["limit"]
        reported.append((limit["kind"], result["connected"], result["failures"]["refused"],
                         limit.get("method", "")))
        subject.append((seconds, rss))
        seconds, rss, code, _ = run_with_rss(asyncio_command(targets))
        baseline.append((seconds, rss))
    kinds = sorted(set(kind for kind, _, _, _ in reported))
    kind, connected, refused, method = reported[-1]
    best_subject = min(s for s, _ in subject)
    best_baseline = min(s for s, _ in baseline)
    emit({
        "suite": "fanout", "case": case, "subject": "nettriage", "baseline": "python asyncio",
        "ratio": round(best_subject / best_baseline, 3), "subject_s": round(best_subject, 4),
        "baseline_s": round(best_baseline, 4),
        "subject_rss_mb": round(max(r for _, r in subject), 1),
        "baseline_rss_mb": round(max(r for _, r in baseline), 1),
        "runs": runs, "target": 'reports "refused"', "met": kinds == ["refused"],
        "note": "%s; reported limit.kind %s (%d connected, %d refused): %s" % (
            expectation, "/".join(kinds), connected, refused, method),
    })


connects = 1000 if tiny else 5000
runs = 3 if tiny else 10
port = free_port()
closed = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
closed.bind(("127.0.0.1", 0))  # bound, never listening: every SYN to it is answered with a reset
closed_port = closed.getsockname()[1]
log_path = os.path.join(work, "accepts.log")
listener = subprocess.Popen(
    [sys.executable, os.path.join(work, "listener.py"), log_path]
    + ["%s:%d" % (host, port) for host in HOSTS],
    stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
try:
    if listener.stdout.readline().strip() != "ready":
        sys.exit("fanout.sh: the listener did not start")
    targets = targets_file("open.txt", connects, port)
    paired("%d connects unpaced loopback" % connects, targets, "100000000/min", runs,
           "--rate 100000000/min (no pacing), --max-concurrent 500 against asyncio.open_connection "
           "under a semaphore of 500")
    paired("%d connects at 1,000,000/min loopback" % connects, targets, "1000000/min", runs,
           "--rate 1000000/min (a 60 us slot), --max-concurrent 500 against the unpaced asyncio "
           "loop")
    if tiny:
        plan = [(60, 4, 1), (600, 21, 1), (6000, 101, 1), (60000, 1001, 1)]
    else:
        plan = [(60, 16, 3), (600, 101, 3), (6000, 1001, 3), (60000, 5001, 3)]
    for per_minute, count, rate_runs in plan:
        rate_case(per_minute, count, rate_runs, port, log_path)
    refused_runs = 1 if tiny else 3
    refusing = targets_file("refused.txt", connects, closed_port)
    refused_case("%d targets refusing from the start" % connects, refusing, refused_runs,
                 "every target's port is bound but not listening (a reset each)")
    one_open = targets_file("one-open.txt", connects, closed_port,
                            first="127.0.0.1:%d" % port)
    refused_case("%d targets, the first listening, the rest refusing" % connects, one_open,
                 refused_runs, "%d of %d refuse; the one that connects comes first (once read as "
                 "a rate limit of 1)" % (connects - 1, connects))
finally:
    listener.stdin.close()
    listener.wait(timeout=10)
    closed.close()
PY

exec python3 "$work/fanout_bench.py" "$size" "$NETTRIAGE" "$work"
