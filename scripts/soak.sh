#!/usr/bin/env bash
# Bounded soak through the local gateway with the Native AOT functions (what
# `aotauth serve --native` runs): 32 clients, gateway/authorizer cache hits and misses mixed.
# Prints requests, wrong answers, 5xx, p50/p99 latency and function RSS (first vs last part).
# Usage: scripts/soak.sh [SECONDS]   (default 60; the normal test run does ~10 s)
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=${1:-60}
[[ "$seconds" =~ ^[0-9]+$ ]] && ((seconds >= 1 && seconds <= 3600)) || { echo "usage: $0 [SECONDS 1-3600]" >&2; exit 2; }

for fn in AotAuth.Authorizer AotAuth.UserFunction; do
  [ -x "artifacts/publish/$fn/release_linux-x64/bootstrap" ] || bash scripts/publish.sh linux-x64
done
dotnet build tests/AotAuth.Hardening.Tests -c Release -nologo -clp:NoSummary -warnaserror >/dev/null

log=$(mktemp)
trap 'rm -f "$log"' EXIT
set +e
AOTAUTH_SOAK_SECONDS="$seconds" dotnet test tests/AotAuth.Hardening.Tests -c Release --no-build -nologo \
  --filter "Category=Soak" --logger "console;verbosity=detailed" --blame-hang-timeout "$((seconds + 300))s" >"$log" 2>&1
rc=$?
set -e
grep -E '^\s*(soak |authorizer invocations|RSS|WRONG )' "$log" | sed 's/^ *//'
grep -Eo '(Passed|Failed)!? +-? *Failed: +[0-9]+, Passed: +[0-9]+' "$log" || true
if [ "$rc" -ne 0 ]; then
  tail -n 40 "$log" >&2
  exit "$rc"
fi
