#!/bin/sh
# Start-up: `nettriage --version`, a replay (`run --answers FILE --json -`) and the start of an
# interactive session (`start`, left with `.quit` at the first question) against the floor: a
# Swift program that only imports Foundation and prints a line (Benchmarks/hello.swift, compiled
# with `swiftc -O` into .build/bench). The tiny size uses that program when it is already compiled
# and otherwise `true`, and says so. Usage: startup.sh tiny|full, with NETTRIAGE set.
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
root=$(cd "$here/.." && pwd)
size=${1:-full}
work=${BENCH_WORK:?}/startup
mkdir -p "$work"
measure="python3 $here/measure.py --suite startup"
runs=20
[ "$size" = full ] || runs=1

hello="$work/hello"
baseline="Foundation hello"
note=""
if [ ! -x "$hello" ] || [ "$here/hello.swift" -nt "$hello" ]; then
  if [ "$size" = full ] && command -v swiftc >/dev/null 2>&1; then
    swiftc -O "$here/hello.swift" -o "$hello" >&2
  fi
fi
if [ -x "$hello" ]; then
  floor="$hello"
else
  floor="true"
  baseline="true"
  note="tiny size: the Foundation hello is compiled only by the full size"
fi
# measure.py with the note about the floor, when there is one.
run() { if [ -n "$note" ]; then $measure "$@" --note "$note"; else $measure "$@"; fi; }

answers="$root/KnowledgeBase/scenarios/apipa-address-1231.yaml"
state="$work/state"
rm -rf "$state"
mkdir -p "$state"
printf '.quit\n' > "$work/quit.txt"

run --case=--version --subject nettriage --subject-cmd "$NETTRIAGE --version" \
  --baseline "$baseline" --baseline-cmd "$floor" --runs "$runs"
run --case "replay (run --answers … --json -)" --subject nettriage \
  --subject-cmd "$NETTRIAGE run --answers $answers --json -" \
  --baseline "$baseline" --baseline-cmd "$floor" --runs "$runs" --target "<= 2" \
  --ok-status 1 --ok-status 2
run --case "session start (start, .quit)" --subject nettriage \
  --subject-cmd "XDG_STATE_HOME=$state $NETTRIAGE start" --stdin "$work/quit.txt" \
  --baseline "$baseline" --baseline-cmd "$floor" --runs "$runs" --target "<= 2" \
  --ok-status 2
