#!/usr/bin/env bash
# The scaling series of issue 15 (deliverable 4): a knowledge base of N questions in one chain
# (Tests/Hostile/chain-kb.sh), replayed from an answer file that answers every question 'unknown'
# (`missing: unknown`). One JSON line per size, then one with the exponent fitted to
# time = c · N^k by least squares on log-log: k near 1 means the time per answer stays flat as
# the session grows.
#
#   NETTRIAGE=.build/release/nettriage Benchmarks/suites/scaling.sh tiny|full
#
# tiny: 100 / 200 / 400 questions (a few seconds); full: 500 / 1,000 / 2,000 / 5,000 questions.
# Each size runs RUNS times (default 3); the row reports the fastest run and its peak RSS.
set -euo pipefail

size=${1:?usage: scaling.sh tiny|full}
binary=${NETTRIAGE:?set NETTRIAGE to the nettriage binary to measure}
runs=${RUNS:-3}
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
generator="$here/../../Tests/Hostile/chain-kb.sh"
case $size in
  tiny) sizes=(100 200 400) ;;
  full) sizes=(500 1000 2000 5000) ;;
  *)
    echo "error: unknown size '$size' (expected 'tiny' or 'full')" >&2
    exit 64
    ;;
esac
[[ -x $binary ]] || {
  echo "error: '$binary' is not an executable" >&2
  exit 66
}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Prints "seconds max-rss-kb" for one replay; exits when the replay fails (exit 0, 1 and 2 are
# outcomes: diagnosed, inconclusive, incomplete).
measure() {
  local kb=$1 out status
  out=$(
    /usr/bin/time -f '%e %M' "$binary" run --kb "$kb" --answers "$kb.answers.yaml" \
      --json "$work/report.json" --force 2>&1 >/dev/null
  ) && status=0 || status=$?
  if ((status > 2)); then
    echo "error: replay of '$kb' failed (exit $status): $out" >&2
    exit 1
  fi
  tail -n 1 <<<"$out"
}

results=()
for n in "${sizes[@]}"; do
  kb="$work/chain-$n"
  bash "$generator" "$n" "$kb"
  best=""
  rss=""
  for ((run = 0; run < runs; run++)); do
    read -r seconds kilobytes < <(measure "$kb")
    if [[ -z $best ]] || awk -v a="$seconds" -v b="$best" 'BEGIN { exit !(a < b) }'; then
      best=$seconds
      rss=$kilobytes
    fi
  done
  results+=("$n $best")
  awk -v n="$n" -v s="$best" -v kb="$rss" -v runs="$runs" 'BEGIN {
    target = "-"; met = "null"
    if (n == 5000) { target = "<= 2 s"; met = (s <= 2.0) ? "true" : "false" }
    printf "{\"suite\":\"scaling\",\"case\":\"chain %d questions, all unknown\",\"subject\":\"nettriage\",\"baseline\":\"-\",\"ratio\":null,\"subject_s\":%.3f,\"subject_rss_mb\":%.1f,\"runs\":%d,\"target\":\"%s\",\"met\":%s,\"note\":\"%.1f us per question\"}\n", n, s, kb / 1024, runs, target, met, s / n * 1e6
  }'
done

# Least squares on (log n, log seconds); a run below 10 ms is clamped, so a tiny series stays finite.
printf '%s\n' "${results[@]}" | awk -v runs="$runs" '
  { x = log($1); t = ($2 < 0.01 ? 0.01 : $2); y = log(t); n++; sx += x; sy += y; sxx += x * x; sxy += x * y
    sizes = sizes (n > 1 ? "/" : "") $1 }
  END {
    k = (n * sxy - sx * sy) / (n * sxx - sx * sx)
    printf "{\"suite\":\"scaling\",\"case\":\"chain, fitted exponent\",\"subject\":\"nettriage\",\"baseline\":\"-\",\"ratio\":null,\"subject_s\":null,\"subject_rss_mb\":null,\"runs\":%d,\"target\":\"<= 1.2\",\"met\":%s,\"note\":\"fitted exponent %.2f over %s\",\"exponent\":%.3f}\n", runs, (k <= 1.2 ? "true" : "false"), k, sizes, k
  }'
