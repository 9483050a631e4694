#!/usr/bin/env bash
# Installs infra/nag's packages (cdk-nag, aws-cdk-lib, constructs) from its package-lock.json,
# unless node_modules already holds exactly that lock: the template tests (AotAuth.Infra.Tests,
# run by scripts/test.sh) and .ci/infra both run infra/nag/nag.js. About 15 s the first time.
set -euo pipefail
cd "$(dirname "$0")/../infra/nag"
stamp=node_modules/.aotauth-lock.sha256
want=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  npm ci --no-audit --no-fund --loglevel=error >/dev/null
  echo "$want" >"$stamp"
fi
