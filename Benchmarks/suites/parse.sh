#!/bin/sh
# Parsing: `nettriage parse KIND FILE --json` on generated outputs (Benchmarks/generate.py, built
# from the real fixtures) against the floor on the same file (a mawk tally of the state column, and
# `wc -l`) and against jc when it is installed (the full size installs it from PyPI into
# .build/bench/venv, never in `make test`). Also: a 1 GB standard input must be refused in bounded
# memory. Usage: parse.sh tiny|full, with NETTRIAGE set (Benchmarks/run.sh does both).
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
size=${1:-full}
work=${BENCH_WORK:?}/parse
mkdir -p "$work"
measure="python3 $here/measure.py --suite parse"
if [ "$size" = full ]; then
  # jc takes 20-100 s a run on 1M lines: one run of it (and one to measure its memory).
  lines=1000000; label="1M lines"; runs=10; jc_runs=1; stdin_mb=1024; stdin_label="1 GB"
  stdin_runs=3
else
  lines=2000; label="2k lines"; runs=1; jc_runs=1; stdin_mb=300; stdin_label="300 MB"
  stdin_runs=1
fi

# jc: PyPI's, in a venv of its own; only the full size installs it.
jc=""
if command -v jc >/dev/null 2>&1; then
  jc=$(command -v jc)
elif [ -x "$BENCH_WORK/venv/bin/jc" ]; then
  jc="$BENCH_WORK/venv/bin/jc"
elif [ "$size" = full ]; then
  if python3 -m venv "$BENCH_WORK/venv" >/dev/null 2>&1 \
    && "$BENCH_WORK/venv/bin/pip" install --quiet jc >/dev/null 2>&1; then
    jc="$BENCH_WORK/venv/bin/jc"
  fi
fi

# kind to generate, evidence kind, the state column for mawk, jc's parser
for spec in "linux-netstat netstat 6 --netstat" "windows-netstat netstat 4 --netstat" \
  "bsd-netstat netstat 6 --netstat" "ss ss 1 --ss"; do
  set -- $spec
  generated=$1; kind=$2; column=$3; parser=$4
  file="$work/$generated-$lines.txt"
  [ -s "$file" ] || python3 "$here/generate.py" "$generated" "$lines" "$file"
  subject="$NETTRIAGE parse $kind $file --json"
  $measure --case "$generated $label" --subject nettriage --subject-cmd "$subject" \
    --baseline "mawk tally" --baseline-cmd "mawk '{c[\$$column]++} END {for (s in c) print s, c[s]}' $file" \
    --runs "$runs" --target "<= 2" --input "$file"
  $measure --case "$generated $label" --subject nettriage --subject-cmd "$subject" \
    --baseline "wc -l" --baseline-cmd "wc -l $file" --runs "$runs"
  if [ "$parser" = - ]; then
    continue
  elif [ -z "$jc" ]; then
    printf '{"suite": "parse", "case": "%s %s", "subject": "nettriage", "baseline": "jc", "ratio": null, "note": "skipped: jc is not installed (the full size installs it from PyPI)"}\n' "$generated" "$label"
  else
    $measure --case "$generated $label" --subject nettriage --subject-cmd "$subject" \
      --baseline "jc $("$jc" --version 2>/dev/null | head -n 1 | sed 's/^jc version: *//;s/ .*//')" \
      --baseline-cmd "$jc $parser < $file" --runs "$jc_runs" --target "<= 1"
  fi
done

for spec in "ipconfig ipconfig" "isa-log isa-log"; do
  set -- $spec
  file="$work/$1-$lines.txt"
  [ -s "$file" ] || python3 "$here/generate.py" "$1" "$lines" "$file"
  $measure --case "$1 $label" --subject nettriage --subject-cmd "$NETTRIAGE parse $2 $file --json" \
    --baseline "wc -l" --baseline-cmd "wc -l $file" --runs "$runs" --input "$file"
done

# A huge standard input is refused at the evidence limit (256 MiB) without reading it all.
$measure --case "$stdin_label on stdin, refused" --subject nettriage \
  --subject-cmd "head -c ${stdin_mb}M /dev/zero | tr '\\0' 'x' | $NETTRIAGE parse netstat - --json" \
  --baseline "wc -c" --baseline-cmd "head -c ${stdin_mb}M /dev/zero | tr '\\0' 'x' | wc -c" \
  --runs "$stdin_runs" --ok-status 65 --rss-limit 300
