#!/usr/bin/env python3
"""Times a subject command against a baseline command in paired runs and prints one result row.

Usage: measure.py --suite S --case C --subject NAME --subject-cmd CMD --baseline NAME
                  --baseline-cmd CMD [--runs N] [--target "<= 2"] [--note TEXT] [--stdin FILE]

Each run starts both commands (`sh -c`, so pipes and redirections work), alternating which goes
first, and takes wall time with a monotonic clock; one more run of each under /usr/bin/time gives
its peak resident memory (for a pipeline, the largest of its processes). A plain command line runs
directly, anything with shell syntax through `sh -c`. The row is one JSON line in the harness contract
(Benchmarks/README.md): ratio = subject min / baseline min, with medians besides. A command that
fails is reported in a row with "error" rather than timed.
"""
import argparse
import json
import os
import shlex
import statistics
import subprocess
import sys
import time


SHELL_SYNTAX = set("|&;<>()$`\\\"'*?[#~=%{}")


def argv(command):
    """The command run directly when it is a plain command line, else through `sh -c`."""
    if SHELL_SYNTAX.isdisjoint(command):
        return shlex.split(command)
    return ["sh", "-c", command]


def run_once(command, stdin_path):
    """Wall time, exit status and standard error of one run."""
    stdin = open(stdin_path, "rb") if stdin_path else subprocess.DEVNULL
    try:
        start = time.perf_counter()
        process = subprocess.run(argv(command), stdin=stdin, stdout=subprocess.DEVNULL,
                                 stderr=subprocess.PIPE)
        elapsed = time.perf_counter() - start
    finally:
        if stdin_path:
            stdin.close()
    return elapsed, process.returncode, process.stderr.decode("utf-8", "replace")


def peak_rss_mb(command, stdin_path):
    """Peak resident memory of one run, in MB, from /usr/bin/time (a small parent, so the figure
    is the command's and not inherited from this Python process, as wait4's would be)."""
    if not os.path.exists("/usr/bin/time"):
        return None
    stdin = open(stdin_path, "rb") if stdin_path else subprocess.DEVNULL
    try:
        process = subprocess.run(["/usr/bin/time", "-f", "%M"] + argv(command), stdin=stdin,
                                 stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    finally:
        if stdin_path:
            stdin.close()
    last = process.stderr.decode("utf-8", "replace").strip().splitlines()[-1:]
    try:
        return round(int(last[0]) / 1024.0, 1)
    except (IndexError, ValueError):
        return None


def check_target(ratio, target):
    if not target:
        return None
    operator, _, value = target.partition(" ")
    bound = float(value)
    return {"<=": ratio <= bound, ">=": ratio >= bound, "<": ratio < bound,
            ">": ratio > bound}.get(operator)


def main():
    parser = argparse.ArgumentParser()
    for name in ("suite", "case", "subject", "subject-cmd", "baseline", "baseline-cmd"):
        parser.add_argument("--" + name, required=True)
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--target")
    parser.add_argument("--note")
    parser.add_argument("--stdin")
    parser.add_argument("--input", help="the input file or size in MB: adds the memory target "
                        "(peak RSS <= 1.1x the input + 40 MB) to the row")
    parser.add_argument("--rss-limit", type=float,
                        help="a peak RSS in MB the subject must stay under (a refused input)")
    parser.add_argument("--ok-status", type=int, action="append", default=[0],
                        help="exit statuses that count as success (besides 0)")
    args = parser.parse_args()
    row = {"suite": args.suite, "case": args.case, "subject": args.subject,
           "baseline": args.baseline}
    subject, baseline = [], []
    for index in range(args.runs):
        pair = [("subject", args.subject_cmd, subject), ("baseline", args.baseline_cmd, baseline)]
        if index % 2:
            pair.reverse()
        for role, command, results in pair:
            elapsed, status, error = run_once(command, args.stdin)
            if status not in args.ok_status:
                # A subject that fails misses its target; a baseline that fails (jc refusing an
                # input it cannot parse) leaves nothing to compare with: not judged.
                row.update(ratio=None, met=False if role == "subject" else None, runs=index,
                           error="%s exited %d: %s" % (role, status, error.strip()[:300]))
                print(json.dumps(row))
                return
            results.append(elapsed)
    subject_min = min(subject)
    baseline_min = min(baseline)
    ratio = subject_min / baseline_min if baseline_min > 0 else None
    row.update(
        ratio=round(ratio, 3) if ratio is not None else None,
        ratio_median=round(statistics.median(subject) / statistics.median(baseline), 3),
        subject_s=round(subject_min, 4), baseline_s=round(baseline_min, 4),
        subject_median_s=round(statistics.median(subject), 4),
        baseline_median_s=round(statistics.median(baseline), 4),
        subject_rss_mb=peak_rss_mb(args.subject_cmd, args.stdin),
        baseline_rss_mb=peak_rss_mb(args.baseline_cmd, args.stdin),
        runs=args.runs)
    if args.target:
        row["target"] = args.target
        row["met"] = check_target(ratio, args.target) if ratio is not None else False
    notes = [args.note] if args.note else []
    rss = row["subject_rss_mb"]
    if args.input and rss is not None:
        size = (os.path.getsize(args.input) / 1048576.0 if os.path.exists(args.input)
                else float(args.input))
        row["input_mb"] = round(size, 1)
        row["rss_target"] = "<= 1.1x input + 40 MB"
        row["rss_met"] = rss <= 1.1 * size + 40
        notes.append("peak RSS %.0f MB for %.0f MB of input (%.2fx), %s" % (
            rss, size, rss / size if size else 0, "within 1.1x + 40 MB" if row["rss_met"]
            else "OVER 1.1x + 40 MB"))
    if args.rss_limit is not None and rss is not None:
        row["rss_target"] = "<= %g MB" % args.rss_limit
        row["rss_met"] = rss <= args.rss_limit
        notes.append("peak RSS %.0f MB, %s %g MB" % (
            rss, "within" if row["rss_met"] else "OVER", args.rss_limit))
    if notes:
        row["note"] = "; ".join(notes)
    print(json.dumps(row))


if __name__ == "__main__":
    sys.exit(main())
