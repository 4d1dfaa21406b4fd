#!/usr/bin/env bash
# Runs every test of the solution on a fresh machine: starts a private PostgreSQL
# (installing it from Debian's packages when missing), installs the Node clients the
# end-to-end tests drive the gateway with and Debian's Chromium the console tests drive
# (through Playwright, never a browser download), runs `dotnet test`, and stops what it started.
# The gateway's build runs the console's `npm ci && npm run build` (src/Gateway csproj).
# CONFIGURATION=Debug tests the build `dotnet run` uses (default Release: a separate build).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

# Assigned first, exported after: `export X="$(...)"` would hide a failed start behind export's own status.
postgres="$(scripts/postgres.sh start)"
export MARKETPLACE_TEST_POSTGRES="$postgres"
trap 'scripts/postgres.sh stop' EXIT

command -v npm >/dev/null || { apt-get update -qq && apt-get install -y -qq nodejs npm; }
if [ -f tests/clients/package.json ]; then
  (cd tests/clients && npm ci --no-audit --no-fund --loglevel=error)
fi
# tests/Console.Tests drives this Chromium (CHROMIUM_PATH overrides /usr/bin/chromium).
if [ -z "${CHROMIUM_PATH:-}" ] && [ ! -x /usr/bin/chromium ]; then
  apt-get update -qq && apt-get install -y -qq chromium
fi

configuration="${CONFIGURATION:-Release}"
dotnet build Marketplace.sln -c "$configuration" -nologo -v q
log="$root/.tmp/test-output.log"
status=0
# A test that hangs fails after 10 minutes with its name in the log, instead of stalling the run until CI's limit.
dotnet test Marketplace.sln -c "$configuration" --no-build -nologo --blame-hang-timeout 10m --blame-hang-dump-type none "$@" 2>&1 | tee "$log" || status=$?
# A run that executed no test at all is a failure, not a pass.
scripts/summarize-tests.sh "$log" || status=1
exit $status
