#!/usr/bin/env bash
# Fails when a published bootstrap needs a GLIBC symbol version newer than Amazon
# Linux 2023's glibc (2.34): such a binary would not start on provided.al2023.
# Usage: scripts/check-glibc.sh [rid]   (default linux-x64)
set -euo pipefail
cd "$(dirname "$0")/.."
rid=${1:-linux-x64}
max=2.34
objdump=objdump
[ "$rid" = linux-arm64 ] && command -v aarch64-linux-gnu-objdump >/dev/null && objdump=aarch64-linux-gnu-objdump
status=0
for fn in AotAuth.Authorizer AotAuth.UserFunction; do
  bin="artifacts/publish/$fn/release_$rid/bootstrap"
  [ -f "$bin" ] || { echo "missing $bin: run scripts/publish.sh $rid" >&2; exit 1; }
  newest=$("$objdump" -T "$bin" | grep -o 'GLIBC_[0-9.]*' | sed 's/GLIBC_//' | sort -uV | tail -n 1)
  if [ -z "$newest" ]; then
    echo "$bin: no GLIBC symbols found (objdump failed?)" >&2; status=1
  elif [ "$(printf '%s\n%s\n' "$newest" "$max" | sort -V | tail -n 1)" != "$max" ]; then
    echo "$bin needs GLIBC_$newest, newer than $max (Amazon Linux 2023)" >&2; status=1
  else
    echo "$bin: newest GLIBC symbol version $newest <= $max"
  fi
done
exit $status
