#!/usr/bin/env bash
# Runs the published linux-arm64 authorizer bootstrap under qemu-aarch64 against the loopback
# Runtime API and DynamoDB Local with one known token: expects one Allow and one Unauthorized.
# Needs: scripts/publish-arm64.sh run first, qemu-user and the arm64 libc6/libssl3 (the same
# script installs them; see there why emulation runs with `-L /`, not the cross sysroot). DynamoDB Local: $AOTAUTH_DYNAMODB_ENDPOINT when set, else this script starts
# one on port ${AOTAUTH_SMOKE_PORT:-8768} and stops it again.
# Usage: scripts/arm64-smoke.sh
set -euo pipefail
cd "$(dirname "$0")/.."

bin=artifacts/publish/AotAuth.Authorizer/release_linux-arm64/bootstrap
[ -x "$bin" ] || { echo "missing $bin: run bash scripts/publish-arm64.sh" >&2; exit 1; }
if [ "$(uname -m)" != aarch64 ]; then
  command -v qemu-aarch64 >/dev/null || { echo "qemu-aarch64 missing: run bash scripts/publish-arm64.sh --toolchain-only" >&2; exit 1; }
  [ -f /usr/lib/aarch64-linux-gnu/libssl.so.3 ] || { echo "arm64 libssl3 missing: run bash scripts/publish-arm64.sh --toolchain-only" >&2; exit 1; }
fi

endpoint=${AOTAUTH_DYNAMODB_ENDPOINT:-}
started=""
if [ -z "$endpoint" ]; then
  port=${AOTAUTH_SMOKE_PORT:-8768}
  bash scripts/dynamodb-local.sh start "$port" >/dev/null
  started=$port
  endpoint=$(bash scripts/dynamodb-local.sh endpoint "$port")
fi
cleanup() { [ -z "$started" ] || bash scripts/dynamodb-local.sh stop "$started" >/dev/null || true; }
trap cleanup EXIT

dotnet build infra/AotAuth.Arm64Smoke -c Release -nologo -v q -clp:NoSummary >/dev/null
dotnet artifacts/bin/AotAuth.Arm64Smoke/release/AotAuth.Arm64Smoke.dll "$bin" "$endpoint" /
