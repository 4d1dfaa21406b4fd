#!/usr/bin/env bash
# Checks that Storage.Bench stops the private PostgreSQL server it started, and leaves running one
# that was already running. A tiny run (1 writer, 8 writes, 1 round) on its own port and data
# directory, so the server of scripts/test.sh is not touched.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
export MARKETPLACE_PG_PORT="${MARKETPLACE_PG_PORT:-55491}"
export MARKETPLACE_PG_DATA="${MARKETPLACE_PG_DATA:-$root/.tmp/pg-bench-check}"
unset MARKETPLACE_BENCH_POSTGRES
trap 'scripts/postgres.sh destroy' EXIT

dotnet build bench/Storage.Bench -c Release -nologo -v q >/dev/null
bench() { dotnet bench/Storage.Bench/bin/Release/net10.0/Storage.Bench.dll 1 8 1; }

scripts/postgres.sh stop
bench
if scripts/postgres.sh status; then echo "FAIL: the server the benchmark started is still running"; exit 1; fi

scripts/postgres.sh start >/dev/null
bench
if ! scripts/postgres.sh status; then echo "FAIL: the benchmark stopped a server it did not start"; exit 1; fi

echo "storage bench: stops what it started, leaves what was running: ok"
