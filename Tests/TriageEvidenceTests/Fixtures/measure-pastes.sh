#!/bin/sh
# Reads every real paste of pastes.tsv with `BINARY parse auto FILE --json` and counts those whose
# kind and facts are right. Usage: measure-pastes.sh [BINARY] (default .build/debug/nettriage).
# Run it with the binary of another checkout to compare (e.g. /work/main/.build/debug/nettriage).
binary=${1:-.build/debug/nettriage}
here=$(cd "$(dirname "$0")" && pwd)
right=0
total=0
while IFS='	' read -r file kind facts; do
  case $file in '#'*|'') continue ;; esac
  total=$((total + 1))
  json=$("$binary" parse auto "$here/$file" --json 2>/dev/null)
  ok=yes
  [ "$(printf '%s' "$json" | jq -r .kind 2>/dev/null)" = "$kind" ] || ok=no
  for pair in $facts; do
    name=${pair%%=*}
    want=${pair#*=}
    got=$(printf '%s' "$json" | jq -r --arg n "$name" '.facts[$n] | if . == true then "yes" elif . == false then "no" else tostring end' 2>/dev/null)
    [ "$got" = "$want" ] || ok=no
  done
  if [ $ok = yes ]; then right=$((right + 1)); else echo "wrong: $file"; fi
done < "$here/pastes.tsv"
echo "$right of $total real pastes read to the right figures"
