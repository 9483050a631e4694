#!/usr/bin/env bash
# Publishes the benchmark-only variants of the authorizer on AWS's SDK with Native AOT, never
# deployed:
#   bench/AotAuth.SdkAuthorizer: the same authorizer on AWSSDK.DynamoDBv2 instead of our own
#     client, on our invocation loop (the harness's "AWSSDK.DynamoDBv2 (Native AOT)");
#   bench/AotAuth.AwsStackAuthorizer: the same again under a stand-in for
#     Amazon.Lambda.RuntimeSupport's invocation loop, on the runtime's defaults (the harness's
#     "AWS .NET stack (RuntimeSupport stand-in + AWSSDK.DynamoDBv2)").
# Each lands in artifacts/publish/<project>/release_linux-x64/bootstrap, where
#   dotnet run -c Release --project bench/AotAuth.ColdStart -- --lambda
# finds it; the script prints their sizes next to the real authorizer's, when that one is published.
# Usage: bench/publish-sdk-variant.sh   (linux-x64 only)
# Any warning (trim, AOT, compiler) fails the publish, as in scripts/publish.sh.
set -euo pipefail
cd "$(dirname "$0")/.."

rid=linux-x64
# The same publish and warning check as the functions' (scripts/publish.sh), for these projects.
AOTAUTH_PUBLISH_PROJECTS="bench/AotAuth.SdkAuthorizer bench/AotAuth.AwsStackAuthorizer" bash scripts/publish.sh "$rid"

for project in AotAuth.SdkAuthorizer AotAuth.AwsStackAuthorizer AotAuth.Authorizer; do
  out="artifacts/publish/$project/release_$rid/bootstrap"
  if [ -x "$out" ]; then
    size=$(stat -c %s "$out")
    echo "  $out: $size bytes ($(awk -v b="$size" 'BEGIN { printf "%.1f", b / 1048576 }') MiB)"
  fi
done
