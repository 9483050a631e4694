#!/usr/bin/env bash
# The issue-13 "done when", as a user gets the tool: packs AotAuth.Cli (one package per RID,
# each with that RID's published Native AOT bootstraps), installs it into a temp tool-path
# and, from a folder outside any clone:
#   1. `aotauth serve --port P --data D` answers the curl session of docs/local-gateway.md
#   2. a corrupt token file under D leaves `aotauth token list --data D` listing the other
#      tokens (exit 0) and naming the damaged file
#   3. a mistyped option prints one line on stderr and nothing on stdout (exit 1)
# For a RID other than this machine's, it checks that package's bootstraps are the published
# ones (same bytes) and built for that CPU.
# Needs: scripts/publish.sh <rid> for every rid given, curl, readelf (binutils), unzip
# (installed when missing, as root). Runs in .ci/infra (after the arm64 publish) as
# `scripts/tool-install-test.sh linux-x64 linux-arm64`: 1-2 minutes (mostly the pack's builds).
# Usage: scripts/tool-install-test.sh [rid ...]   (default: linux-x64)
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD

rids=("$@")
[ ${#rids[@]} -gt 0 ] || rids=(linux-x64)
host_rid=linux-x64
[ "$(uname -m)" = aarch64 ] && host_rid=linux-arm64

# unzip reads the packages; a fresh Debian lacks it (CI runs as root, as publish-arm64.sh does).
if ! command -v unzip >/dev/null; then
  [ "$(id -u)" = 0 ] || { echo "unzip missing: apt-get install unzip" >&2; exit 1; }
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq unzip >/dev/null
fi

work=$(mktemp -d /tmp/aotauth-tool-test.XXXXXX)
serve_pid=""
cleanup() {
  [ -z "$serve_pid" ] || kill -TERM "$serve_pid" 2>/dev/null || true
  [ -z "$serve_pid" ] || wait "$serve_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "tool-install-test: FAILED: $*" >&2; exit 1; }

echo "== pack (${rids[*]})"
pack_log=$work/pack.log
# One RID: pack only that one (the others' bootstraps may not be published). Several: the
# project's own list (MSBuild's command line cannot pass a ';' list unescaped).
rid_property=()
[ ${#rids[@]} -eq 1 ] && rid_property=("-p:ToolPackageRuntimeIdentifiers=${rids[0]}")
if ! dotnet pack src/AotAuth.Cli -c Release -nologo -o "$work/packages" "${rid_property[@]}" >"$pack_log" 2>&1; then
  cat "$pack_log"; fail "dotnet pack"
fi
if grep -E ': warning [A-Z]+[0-9]+' "$pack_log"; then fail "dotnet pack printed warnings (above)"; fi
ls -l "$work/packages"

for rid in "${rids[@]}"; do
  nupkg=$(ls "$work"/packages/AotAuth.Cli."$rid".*.nupkg)
  mkdir -p "$work/unpacked/$rid"
  (cd "$work/unpacked/$rid" && unzip -q "$nupkg")
  machine=$([ "$rid" = linux-arm64 ] && echo AArch64 || echo X86-64)
  for fn in AotAuth.Authorizer AotAuth.UserFunction; do
    packed=$work/unpacked/$rid/tools/net10.0/$rid/functions/$fn/bootstrap
    [ -f "$packed" ] || fail "$rid package lacks functions/$fn/bootstrap"
    cmp -s "$packed" "artifacts/publish/$fn/release_$rid/bootstrap" || fail "$rid package's $fn bootstrap differs from the published one"
    readelf -h "$packed" | grep -q "Machine:.*$machine" || fail "$rid package's $fn bootstrap is not built for $machine"
    [ -f "$(dirname "$packed")/aws-root-cas.pem" ] || fail "$rid package lacks $fn's trust store"
  done
  echo "   $rid package: both bootstraps ($machine) and trust stores, $(stat -c %s "$nupkg") bytes"
done

echo "== install ($host_rid) into a temp tool-path"
dotnet tool install AotAuth.Cli --tool-path "$work/tools" --add-source "$work/packages" --prerelease >/dev/null
aotauth=$work/tools/aotauth
outside=$work/outside
mkdir -p "$outside"
cd "$outside"
git rev-parse --show-toplevel >/dev/null 2>&1 && fail "$outside is inside a git work tree"

echo "== serve from $outside"
data=$outside/D
# Port 0: the system picks a free one, and serve prints it.
# --native: accepted outside a clone, with a note (there is no source to build there).
"$aotauth" serve --port 0 --data "$data" --native >"$work/serve.out" 2>"$work/serve.err" &
serve_pid=$!
for _ in $(seq 1 120); do
  grep -q 'Ctrl+C stops the server' "$work/serve.err" && break
  kill -0 "$serve_pid" 2>/dev/null || { cat "$work/serve.err"; fail "serve exited"; }
  sleep 0.5
done
grep -q 'Ctrl+C stops the server' "$work/serve.err" || { cat "$work/serve.err"; fail "serve did not start within 60 s"; }
grep -q 'packaged Native AOT bootstraps' "$work/serve.err" || fail "serve did not run the packaged bootstraps"
grep -q -- '--native and --rebuild apply in a clone only' "$work/serve.err" || fail "serve did not say that --native is moot outside a clone"
token=$(grep -A1 'here is a demo token' "$work/serve.err" | tail -1 | tr -d ' ')
base=$(grep -o 'AotAuth local API on http://127.0.0.1:[0-9]*' "$work/serve.err" | head -1 | cut -d' ' -f5)
[ -n "$base" ] || fail "serve printed no address"
expect() { # expect <what> <expected> <actual>
  [ "$2" = "$3" ] || fail "$1: expected '$2', got '$3'"
}
c() { curl -s --max-time 30 "$@"; }
expect "PUT /user" 204 "$(c -o /dev/null -w '%{http_code}' -X PUT "$base/user" -H "Authorization: $token" -H 'Content-Type: application/json' -d '{"id":"42","name":"Ada"}')"
body=$(c "$base/user/42" -H "Authorization: $token")
[[ "$body" == '{"id":"42","name":"Ada","updatedBy":"demo","updatedAt":"'* ]] || fail "GET /user/42 answered $body"
expect "GET /user/43" '{"message":"no user with that id"}' "$(c "$base/user/43" -H "Authorization: $token")"
expect "wrong token" '{"message":"Unauthorized"}' "$(c "$base/user/42" -H 'Authorization: wrongtoken123')"
expect "invalid body" '{"message": "Invalid request body"}' "$(c -X PUT "$base/user" -H "Authorization: $token" -H 'Content-Type: application/json' -d '{"id":"42"}')"
kill -TERM "$serve_pid"; wait "$serve_pid" || true; serve_pid=""
echo "   the curl session of docs/local-gateway.md: OK"

echo "== a corrupt token file"
"$aotauth" token create --data "$data" --principal alice --scope "GET /user/*" >/dev/null 2>&1
damaged=$(ls "$data/tokens" | grep -v "^$(printf '%s' "$token" | sha256sum | cut -c1-64)" | head -1)
echo 'garbage' >"$data/tokens/$damaged"
set +e
"$aotauth" token list --data "$data" >"$work/list.out" 2>"$work/list.err"
rc=$?
set -e
expect "token list exit code" 0 "$rc"
grep -q ' demo ' "$work/list.out" || fail "token list does not list the demo token: $(cat "$work/list.out")"
grep -q "tokens/${damaged:0:8}" "$work/list.err" || fail "token list does not name tokens/${damaged:0:8}...: $(cat "$work/list.err")"
echo "   token list: the other token listed, tokens/${damaged:0:8}….json named, exit 0"

echo "== a mistyped option"
set +e
"$aotauth" token list --dat "$data" >"$work/typo.out" 2>"$work/typo.err"
rc=$?
set -e
expect "mistyped option exit code" 1 "$rc"
[ ! -s "$work/typo.out" ] || fail "a mistyped option printed on stdout: $(cat "$work/typo.out")"
expect "stderr lines of a mistyped option" 1 "$(wc -l <"$work/typo.err")"
echo "   $(cat "$work/typo.err")"
echo "tool-install-test: OK"
