#!/usr/bin/env python3
"""Prints the benchmark rows as one aligned table and writes them, with the machine, as JSON.

Usage: report.py ROWS.jsonl OUT.json SIZE NETTRIAGE. Exits 1 when a line of ROWS is not a JSON
object with suite, case, subject and baseline (a broken suite), after writing what was valid.
"""
import datetime
import json
import os
import platform
import subprocess
import sys


def machine():
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    memory = None
    try:
        with open("/proc/meminfo") as f:
            memory = round(int(f.readline().split()[1]) / 1024 / 1024, 1)
    except (OSError, ValueError, IndexError):
        pass
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else None
    return {"cpu": cpu, "cores": os.cpu_count(), "memory_gb": memory,
            "kernel": platform.release(), "load_1min": load}


def version(binary):
    try:
        return subprocess.run([binary, "--version"], capture_output=True, text=True,
                              timeout=30).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return None


def cell(value):
    if value is None:
        return "-"
    if isinstance(value, bool):
        return "yes" if value else "NO"
    if isinstance(value, float):
        return "%.3g" % value if abs(value) < 100 else "%.0f" % value
    return str(value)


def main():
    rows_path, out_path, size, binary = sys.argv[1:5]
    rows, broken = [], []
    with open(rows_path, encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
                if not isinstance(row, dict) or not all(k in row for k in ("suite", "case")):
                    raise ValueError("not a result row")
            except ValueError as error:
                broken.append("%s:%d: %s: %s" % (rows_path, number, error, line.strip()[:120]))
                continue
            rows.append(row)
    columns = [("suite", "suite"), ("case", "case"), ("subject", "subject"),
               ("baseline", "baseline"), ("ratio", "ratio(min)"), ("ratio_median", "(median)"),
               ("subject_s", "subject s"), ("baseline_s", "baseline s"),
               ("subject_rss_mb", "RSS MB"), ("baseline_rss_mb", "base RSS"),
               ("target", "target"), ("met", "met"), ("note", "note")]
    table = [[title for _, title in columns]]
    for row in rows:
        cells = [cell(row.get(key)) for key, _ in columns]
        if row.get("error"):
            cells[-1] = "error: " + " ".join(str(row["error"]).split())
        table.append(cells)
    widths = [max(len(r[i]) for r in table) for i in range(len(columns) - 1)]
    for index, cells in enumerate(table):
        line = "  ".join(c.ljust(w) for c, w in zip(cells, widths)) + "  " + cells[-1]
        print(line.rstrip())
        if index == 0:
            print("  ".join("-" * w for w in widths) + "  ----")
    result = {"schema": "nettriage.bench/1", "size": size,
              "date": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
              "nettriage": version(binary), "machine": machine(), "rows": rows}
    with open(out_path, "w", encoding="utf-8") as f:
        json.dump(result, f, indent=2)
        f.write("\n")
    print("\n%d results written to %s" % (len(rows), out_path))
    for message in broken:
        print("error: " + message, file=sys.stderr)
    return 1 if broken else 0


if __name__ == "__main__":
    sys.exit(main())
