#!/usr/bin/env bash
# Measures what each Native AOT setting in src/LambdaFunction.props buys: publishes the
# authorizer once per setting with that one setting turned back to the SDK default,
# then runs the cold-start harness with all of them interleaved against the shipped build.
# Usage: bench/aot-settings.sh [RUNS]   (needs DynamoDB Local: AOTAUTH_DYNAMODB_ENDPOINT)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-10}
out=/tmp/aotauth-aot-settings
rm -rf "$out"
declare -A flips=(
  [no-InvariantGlobalization]="-p:InvariantGlobalization=false"
  [no-StripSymbols]="-p:StripSymbols=false"
  [no-UseSystemResourceKeys]="-p:UseSystemResourceKeys=false"
  [OptimizationPreference-Size]="-p:OptimizationPreference=Size"
  [EventSourceSupport-true]="-p:EventSourceSupport=true"
)
extra=()
for name in "${!flips[@]}"; do
  echo "publish authorizer with ${flips[$name]}"
  dotnet publish src/AotAuth.Authorizer -c Release -r linux-x64 -nologo -v:q \
    -p:ArtifactsPath="$out/$name/" ${flips[$name]} >/dev/null
  bin="$out/$name/publish/AotAuth.Authorizer/release_linux-x64/bootstrap"
  printf '%-30s %9d bytes\n' "$name" "$(stat -c %s "$bin")"
  extra+=(--native "$name=$bin")
done
printf '%-30s %9d bytes\n' "shipped" "$(stat -c %s artifacts/publish/AotAuth.Authorizer/release_linux-x64/bootstrap)"
dotnet run -c Release --no-build --project bench/AotAuth.ColdStart -- --runs "$runs" "${extra[@]}"
