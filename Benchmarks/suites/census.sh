#!/bin/sh
# Census: `nettriage probe census` against `ss -tan state all | wc -l`, both in a network namespace
# this suite makes and fills with N loopback sockets (Benchmarks/sockets.py), then removes. Needs
# root (and `ip`); without it, one row says the suite was skipped and why.
# Usage: census.sh tiny|full, with NETTRIAGE set.
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
size=${1:-full}
work=${BENCH_WORK:?}/census
mkdir -p "$work"
if [ "$size" = full ]; then sockets=20000; runs=10; else sockets=200; runs=1; fi
case_name="$sockets sockets"

skip() {
  printf '{"suite": "census", "case": "%s", "subject": "nettriage", "baseline": "ss | wc -l", "ratio": null, "note": "skipped: %s"}\n' "$case_name" "$1"
  exit 0
}
[ "$(id -u)" = 0 ] || skip "needs root for a network namespace"
command -v ip >/dev/null 2>&1 || skip "needs ip (iproute2)"
command -v ss >/dev/null 2>&1 || skip "needs ss (iproute2)"

namespace="nt-bench-census-$$"
holder=""
cleanup() {
  status=$?
  if [ -n "$holder" ]; then
    kill "$holder" 2>/dev/null || true
    wait "$holder" 2>/dev/null || true
  fi
  ip netns delete "$namespace" 2>/dev/null || true
  exit $status
}
trap cleanup EXIT
trap 'exit 130' INT TERM
ip netns add "$namespace" || skip "could not make a network namespace"
ip netns exec "$namespace" ip link set lo up
rm -f "$work/ready"
ip netns exec "$namespace" python3 "$here/sockets.py" "$sockets" "$work/ready" 2>"$work/sockets.err" &
holder=$!
waited=0
while [ ! -s "$work/ready" ]; do
  kill -0 "$holder" 2>/dev/null \
    || skip "the socket holder stopped before its sockets were open: $(tail -n 1 "$work/sockets.err" | tr '"' "'")"
  sleep 0.2
  waited=$((waited + 1))
  [ $waited -lt 600 ] || skip "the sockets were not open after 120 s"
done

case_name="$(head -n 1 "$work/ready" | tr -d ' ') sockets"
python3 "$here/measure.py" --suite census --case "$case_name" --subject nettriage \
  --subject-cmd "ip netns exec $namespace $NETTRIAGE probe census" \
  --baseline "ss | wc -l" \
  --baseline-cmd "ip netns exec $namespace sh -c 'ss -tan state all | wc -l'" \
  --runs "$runs" --target "<= 1.5"
