#!/usr/bin/env bash
# Publishes both functions with Native AOT as provided.al2023 `bootstrap` executables:
#   artifacts/publish/AotAuth.Authorizer/release_<rid>/bootstrap
#   artifacts/publish/AotAuth.UserFunction/release_<rid>/bootstrap
# Usage: scripts/publish.sh [linux-x64|linux-arm64 ...]   (default: linux-x64)
# AOTAUTH_PUBLISH_PROJECTS (space-separated project folders) publishes other Native AOT projects
# the same way, e.g. bench/publish-sdk-variant.sh.
# Any warning (trim, AOT, compiler) fails the publish.
set -euo pipefail
cd "$(dirname "$0")/.."

rids=("$@")
[ ${#rids[@]} -gt 0 ] || rids=(linux-x64)

for rid in "${rids[@]}"; do
  extra=()
  if [ "$rid" = linux-arm64 ] && [ "$(uname -m)" != aarch64 ]; then
    # Cross-compiling from x64: clang + lld link, the GNU cross binutils strip.
    extra=(-p:CppCompilerAndLinker=clang -p:LinkerFlavor=lld -p:ObjCopyName=aarch64-linux-gnu-objcopy)
  fi
  for project in ${AOTAUTH_PUBLISH_PROJECTS:-src/AotAuth.Authorizer src/AotAuth.UserFunction}; do
    fn=$(basename "$project")
    log=$(mktemp)
    echo "publish $fn ($rid)"
    if ! dotnet publish "$project" -c Release -r "$rid" -nologo -clp:NoSummary "${extra[@]}" >"$log" 2>&1; then
      cat "$log"; rm -f "$log"; echo "publish of $fn for $rid failed" >&2; exit 1
    fi
    if grep -E ': warning [A-Z]+[0-9]+' "$log"; then
      rm -f "$log"; echo "publish of $fn for $rid has warnings (see above): warnings are failures" >&2; exit 1
    fi
    rm -f "$log"
    out="artifacts/publish/$fn/release_$rid/bootstrap"
    [ -x "$out" ] || { echo "expected $out after publish" >&2; exit 1; }
    echo "  -> $out ($(stat -c %s "$out") bytes)"
  done
done
