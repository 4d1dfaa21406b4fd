#!/usr/bin/env bash
# Adds the counts of every .trx file in a folder and prints one closing line: "N passed, N failed, N skipped".
set -euo pipefail
passed=0; failed=0; skipped=0
for f in "$1"/*.trx; do
  [ -f "$f" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$f" | head -n 1)
  get() { echo "$counters" | sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p"; }
  p=$(get passed); fl=$(get failed); nx=$(get notExecuted)
  passed=$((passed + ${p:-0})); failed=$((failed + ${fl:-0})); skipped=$((skipped + ${nx:-0}))
done
echo "tests: $passed passed, $failed failed, $skipped skipped"
