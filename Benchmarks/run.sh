#!/bin/sh
# `make bench`: runs every executable Benchmarks/suites/*.sh with the size (`tiny` or `full`) and
# NETTRIAGE set to the binary under test, collects the JSON result rows they print, prints one
# aligned table and writes the rows with the machine's description to $BENCH_RESULTS
# (Benchmarks/results/latest.json by default). Usage: run.sh [tiny|full]; BENCH_SUITES="a b"
# runs only those suites. See Benchmarks/README.md.
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
size=${1:-${BENCH_SIZE:-full}}
case $size in
  tiny|full) ;;
  *) echo "error: unknown size '$size' (tiny or full)" >&2; exit 64 ;;
esac
: "${NETTRIAGE:=$root/.build/release/nettriage}"
if [ ! -x "$NETTRIAGE" ]; then
  echo "error: no nettriage binary at '$NETTRIAGE' (build it with 'swift build -c release', or set NETTRIAGE)" >&2
  exit 66
fi
NETTRIAGE=$(cd "$(dirname "$NETTRIAGE")" && pwd)/$(basename "$NETTRIAGE")
: "${BENCH_WORK:=$root/.build/bench}"
: "${BENCH_RESULTS:=$here/results/latest.json}"
mkdir -p "$BENCH_WORK" "$(dirname "$BENCH_RESULTS")"
BENCH_SIZE=$size
export NETTRIAGE BENCH_SIZE BENCH_WORK

rows="$BENCH_WORK/rows.jsonl"
: > "$rows"
status=0
for suite in "$here"/suites/*.sh; do
  [ -x "$suite" ] || continue
  name=$(basename "$suite" .sh)
  # BENCH_SUITES="parse startup" runs only those.
  case " ${BENCH_SUITES:-$name} " in *" $name "*) ;; *) continue ;; esac
  echo "running $name ($size)" >&2
  "$suite" "$size" > "$BENCH_WORK/$name.out" 2> "$BENCH_WORK/$name.err"
  code=$?
  if [ $code -ne 0 ]; then
    tail -n 3 "$BENCH_WORK/$name.err" >&2
    python3 -c 'import json, sys; print(json.dumps({"suite": sys.argv[1], "case": "(suite)", "error": "exited %s; see %s" % (sys.argv[2], sys.argv[3])}))' \
      "$name" "$code" "$BENCH_WORK/$name.err" >> "$rows"
    status=1
  fi
  cat "$BENCH_WORK/$name.out" >> "$rows"
done
python3 "$here/report.py" "$rows" "$BENCH_RESULTS" "$size" "$NETTRIAGE" || status=1
exit $status
