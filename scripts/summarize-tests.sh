#!/usr/bin/env bash
# Adds up the per-assembly result lines that `dotnet test` prints
# ("Passed!  - Failed: F, Passed: P, Skipped: S, ...") and prints one closing line.
set -euo pipefail
awk '
  /(Passed|Failed)! +- +Failed:/ {
    for (i = 1; i <= NF; i++) {
      v = $(i + 1); gsub(/,/, "", v)
      if ($i == "Failed:") failed += v
      if ($i == "Passed:") passed += v
      if ($i == "Skipped:") skipped += v
    }
    runs++
  }
  END {
    printf "tests: %d passed, %d failed, %d skipped\n", passed, failed, skipped
    if (runs == 0) exit 1
  }' "$1"
