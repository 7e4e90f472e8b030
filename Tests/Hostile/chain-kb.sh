#!/usr/bin/env bash
# Writes a knowledge base of N yes-no questions in one chain (q1 → q2 → … → qN → a conclusion)
# and an answer file that answers every question 'unknown', to measure `kb lint` and `run` against
# the size of the knowledge base (issue 17: lint was quadratic; the chain of unknowns hung `run`).
#
#   Tests/Hostile/chain-kb.sh N DIR
#   time .build/debug/nettriage kb lint --kb DIR
#   time .build/debug/nettriage run --kb DIR --answers DIR.answers.yaml --report /dev/null
#
# Measured on the debug build at commit 'lint linear' (2 shared cores):
#   kb lint: 1,000 questions 7.3 s, 2,000 24.1 s, 4,000 82.3 s before; 1.9 s, 9.6 s (4,000),
#            14.0 s (8,000) after (the rest is loading YAML).
#   run, every answer 'unknown' (the walk, for the lead's rewrite): 200 questions 1.15 s,
#            400 questions 7.65 s: about cubic.
#   run, every answer 'unknown', after the incremental session (release build, 2 shared busy
#            cores): 500 questions 0.09 s, 1,000 0.17 s, 2,000 0.27 s, 5,000 0.68 s (fitted exponent
#            0.86; Benchmarks/suites/scaling.sh), 20,000 3.1 s, of which loading and linting the
#            YAML is 2.9 s. Before: 1,600 questions 5.4 s of CPU in the debug build, now 0.97 s.
set -euo pipefail
n=${1:?usage: chain-kb.sh N DIR}
dir=${2:?usage: chain-kb.sh N DIR}
mkdir -p "$dir"
cat >"$dir/knowledge-base.yaml" <<YAML
nettriage: knowledge-base/1
id: chain
version: 1.0.0
title: A chain of $n questions
start: q1
YAML
{
  echo "nodes:"
  for ((i = 1; i <= n; i++)); do
    next="q$((i + 1))"
    ((i == n)) && next=done
    cat <<YAML
  - id: q$i
    kind: question
    type: yes-no
    ask: Question $i?
    why: Reason $i.
    choices:
      - value: "yes"
        support: { c: 0.01 }
      - value: "no"
        support: { c: -0.01 }
    next: $next
YAML
  done
  cat <<YAML
  - id: done
    kind: conclusion
    outcome: diagnosed
    title: Done
    text: The end of the chain.
    causes:
      - { cause: c, certainty: 0.5 }
causes:
  - id: c
    title: The cause
    summary: The only cause.
    plan: [s]
steps:
  - id: s
    title: A step
    text: Do it.
    risk: low
    permission: none
    verify: It is done.
    rollback: Nothing.
YAML
} >"$dir/nodes.yaml"
{
  echo "nettriage: answers/1"
  echo "kb: chain"
  echo "missing: unknown"
  echo "answers:"
  for ((i = 1; i <= n; i++)); do echo "  q$i: unknown"; done
} >"$dir.answers.yaml"
