#!/usr/bin/env bash
# Publishes the benchmark-only SDK variant of the authorizer (bench/AotAuth.SdkAuthorizer:
# the same authorizer on AWSSDK.DynamoDBv2 instead of our own client) with Native AOT:
#   artifacts/publish/AotAuth.SdkAuthorizer/release_linux-x64/bootstrap
# and prints its size next to the real authorizer's, when that one is published.
# Compare cold starts with the harness (the --lambda mode runs it as "AWSSDK.DynamoDBv2 (Native AOT)"):
#   dotnet run -c Release --project bench/AotAuth.ColdStart -- \
#     --native sdk=artifacts/publish/AotAuth.SdkAuthorizer/release_linux-x64/bootstrap
# Usage: bench/publish-sdk-variant.sh   (linux-x64 only; never deployed)
# Any warning (trim, AOT, compiler) fails the publish, as in scripts/publish.sh.
set -euo pipefail
cd "$(dirname "$0")/.."

rid=linux-x64
# The same publish and warning check as the functions' (scripts/publish.sh), for this project.
AOTAUTH_PUBLISH_PROJECTS=bench/AotAuth.SdkAuthorizer bash scripts/publish.sh "$rid"

out="artifacts/publish/AotAuth.SdkAuthorizer/release_$rid/bootstrap"
size=$(stat -c %s "$out")
echo "  -> $out ($size bytes, $(awk -v b="$size" 'BEGIN { printf "%.1f", b / 1048576 }') MiB)"
real="artifacts/publish/AotAuth.Authorizer/release_$rid/bootstrap"
if [ -x "$real" ]; then
  echo "  real authorizer: $real ($(stat -c %s "$real") bytes)"
fi
