#!/usr/bin/env bash
# The project's test command (the README's and CI's): starts DynamoDB Local if it is
# not running, publishes both Native AOT bootstraps (the integration tests run them as
# real processes), installs infra/nag's cdk-nag, then runs every test project. Prints
# "N passed, N failed" last. The AotAuth.Cdk package test also needs the linux-arm64 bootstrap
# (scripts/publish-arm64.sh, which installs a cross toolchain as root): CI publishes it first;
# without it that test is skipped, saying so.
set -euo pipefail
cd "$(dirname "$0")/.."

port=${AOTAUTH_DYNAMODB_PORT:-8000}
if ! bash scripts/dynamodb-local.sh status "$port" >/dev/null 2>&1; then
  bash scripts/dynamodb-local.sh start "$port"
  trap 'bash scripts/dynamodb-local.sh stop "$port" >/dev/null 2>&1 || true' EXIT
fi
export AOTAUTH_DYNAMODB_ENDPOINT="http://127.0.0.1:$port"

bash scripts/publish.sh linux-x64
# AotAuth.Infra.Tests runs cdk-nag (infra/nag) over the second consumer's template.
bash scripts/nag-install.sh
dotnet build AotAuth.sln -c Release -nologo -clp:NoSummary -warnaserror

log=$(mktemp)
set +e
# --blame-hang-timeout: a hung test fails the run instead of stalling CI.
dotnet test AotAuth.sln -c Release --no-build -nologo --blame-hang-timeout 5m "$@" 2>&1 | tee "$log"
rc=${PIPESTATUS[0]}
set -e
passed=$(grep -Eo 'Passed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
failed=$(grep -Eo 'Failed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
rm -f "$log"
echo "$passed passed, $failed failed"
mkdir -p artifacts && echo "$passed passed, $failed failed" > artifacts/test-summary.txt
if [ "$rc" -ne 0 ]; then exit "$rc"; fi
[ "$passed" -gt 0 ] || { echo "no test ran" >&2; exit 1; }
