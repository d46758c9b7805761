#!/usr/bin/env bash
# The training pipeline the trigger retrain_on_new_stats calls (loop.yaml), as a stand-in: a real
# one would fit a model on the training set. It reads the run's payload on stdin
# (docs/triggers-payload.schema.json), "trains" (writes an artifact naming the data it used) and
# reports the model back with two metrics taken from the payload:
#   training_rows       the training set's rows
#   conv_rate_coverage  the share of them with a conv_rate
# over HTTP: POST /models/driver_ranking/versions (docs/http-api.md), version run-<run id>.
# The server: $PARITY_URL, else the address `parity quickstart` wrote to .parity/server.url, else
# http://127.0.0.1:6566. Only bash, grep and awk: no curl or Python needed.
set -euo pipefail
payload="$(cat)"
field() { grep -o "$1" <<<"$payload" | head -1 | grep -o '[0-9.eE+-]*$'; }
run_id="$(field '"run_id":[0-9]*')"
training_set="$(field '"training_set":{"id":[0-9]*')"
rows="$(field '"training_set":{[^}]*"rows":[0-9]*')"
conv_rate="$(grep -o '{"feature":"driver_hourly_stats:conv_rate"[^}]*' <<<"$payload" | head -1)"
count="$(grep -o '"count":[0-9]*' <<<"$conv_rate" | grep -o '[0-9]*$')"
nulls="$(grep -o '"nulls":[0-9]*' <<<"$conv_rate" | grep -o '[0-9]*$')"
coverage="$(awk -v c="$count" -v n="$nulls" 'BEGIN { printf "%.4f", (c > 0 ? (c - n) / c : 0) }')"
version="run-$run_id"

mkdir -p models
artifact="models/driver_ranking-$version.txt"
printf 'driver_ranking %s: trained on training set %s (%s rows)\n' "$version" "$training_set" "$rows" > "$artifact"
echo "trained driver_ranking $version on training set $training_set: training_rows=$rows conv_rate_coverage=$coverage"

url="${PARITY_URL:-$(cat .parity/server.url 2>/dev/null || echo http://127.0.0.1:6566)}"
hostport="${url#http://}"; hostport="${hostport%%/*}"
body="{\"version\": \"$version\", \"training_set_id\": $training_set, \"artifact_uri\": \"$artifact\", \"metrics\": {\"training_rows\": $rows, \"conv_rate_coverage\": $coverage}}"
# HTTP/1.1 over bash's /dev/tcp: one request, the connection closed after the answer.
exec 3<>"/dev/tcp/${hostport%:*}/${hostport##*:}"
printf 'POST /models/driver_ranking/versions HTTP/1.1\r\nHost: %s\r\nContent-Type: application/json\r\nContent-Length: %d\r\nConnection: close\r\n\r\n%s' \
  "$hostport" "${#body}" "$body" >&3
answer="$(cat <&3)"
exec 3<&-
status="$(head -1 <<<"$answer" | cut -d' ' -f2)"
if [ "$status" != 201 ]; then
  echo "registering driver_ranking $version at $url failed: $(head -1 <<<"$answer")" >&2
  tail -1 <<<"$answer" >&2
  exit 1
fi
echo "registered driver_ranking $version at $url"
