#!/usr/bin/env bash
# A fake function on the real Runtime API (bash + curl), for gateway behaviour that our
# own functions never show. Per invocation, driven by the environment:
#   FAKE_RESPONSE  the response body; {METHOD_ARN} becomes the event's methodArn
#   FAKE_ERROR     answer with this errorMessage instead
#   FAKE_HANG=1    never answer (the gateway's timeout must fire)
#   FAKE_EXIT=1    exit with status 3 after taking the event (a crash mid-invocation)
#   FAKE_REVOKED_FILE, FAKE_REVOKED_RESPONSE  when that file exists as the event is taken, answer
#                  the second instead (a token revoked in the store); FAKE_REVOKED_FILE.decided
#                  is created once it has decided
#   FAKE_SLEEP     seconds between deciding and answering (an answer in flight)
set -u
api="http://${AWS_LAMBDA_RUNTIME_API}/2018-06-01/runtime"
headers=$(mktemp)
trap 'rm -f "$headers"' EXIT
while true; do
  event=$(curl -sS -D "$headers" "$api/invocation/next") || exit 1
  id=$(grep -i '^Lambda-Runtime-Aws-Request-Id:' "$headers" | cut -d' ' -f2 | tr -d '\r')
  arn=$(printf '%s' "$event" | sed -n 's/.*"methodArn":"\([^"]*\)".*/\1/p')
  [ -n "${FAKE_EXIT:-}" ] && exit 3
  [ -n "${FAKE_HANG:-}" ] && sleep 3600
  response=${FAKE_RESPONSE:-}
  if [ -n "${FAKE_REVOKED_FILE:-}" ]; then
    [ -e "$FAKE_REVOKED_FILE" ] && response=$FAKE_REVOKED_RESPONSE
    touch "$FAKE_REVOKED_FILE.decided"
  fi
  [ -n "${FAKE_SLEEP:-}" ] && sleep "$FAKE_SLEEP"
  if [ -n "${FAKE_ERROR:-}" ]; then
    curl -sS -X POST -H 'Content-Type: application/vnd.aws.lambda.error+json' \
      -d "{\"errorMessage\":\"$FAKE_ERROR\",\"errorType\":\"Fake\"}" "$api/invocation/$id/error" >/dev/null
  else
    body=${response//\{METHOD_ARN\}/$arn}
    curl -sS -X POST -H 'Content-Type: application/json' -d "$body" "$api/invocation/$id/response" >/dev/null
  fi
done
