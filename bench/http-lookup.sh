#!/usr/bin/env bash
# HTTP lookups: wrk posting Feast-shaped get-online-features requests to the server from the shaded
# jar, next to redis-benchmark GETs on the same Redis, on this machine.
#   bench/http-lookup.sh                 # builds nothing: run `mvn -o -q -B -pl server -am package -DskipTests` first
#   DURATION=30s bench/http-lookup.sh
# Uses ports 16999 (Redis), 16566/16567 (server); everything runs under a temporary directory
# and is stopped by pid at exit.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
jar="$root/server/target/parity.jar"
duration="${DURATION:-15s}"
java_opts=(--add-opens=java.base/java.nio=ALL-UNNAMED)
[[ -f "$jar" ]] || { echo "missing $jar: mvn -o -q -B -pl server -am package -DskipTests" >&2; exit 1; }
command -v wrk >/dev/null || { echo "missing wrk: apt-get install -y wrk" >&2; exit 1; }

work="$(mktemp -d)"
server_pid=""
cleanup() {
  [[ -n "$server_pid" ]] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null || true
  [[ -f "$work/redis.pid" ]] && kill "$(cat "$work/redis.pid")" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

repo="$work/drivers"
mkdir -p "$repo"
cp "$root"/examples/drivers/*.yaml "$repo/"
java "${java_opts[@]}" -Dslf4j.provider=org.slf4j.helpers.NOP_FallbackServiceProvider -cp "$jar" \
  dev.parity.offline.sample.SampleDataGenerator --out "$repo" >/dev/null
redis-server --port 16999 --bind 127.0.0.1 --daemonize yes --save "" --appendonly no \
  --dir "$work" --pidfile "$work/redis.pid" --logfile "$work/redis.log"
export PARITY_REDIS_URL=redis://127.0.0.1:16999
java "${java_opts[@]}" -jar "$jar" apply -r "$repo" >/dev/null
# The sample data ends 2026-01-31; materializing at its end keeps validation's freshness check green.
java "${java_opts[@]}" -jar "$jar" materialize -r "$repo" --start 2026-01-01T00:00:00Z --end 2026-01-31T00:00:00Z \
  --views driver_activity >/dev/null
java "${java_opts[@]}" -jar "$jar" server -r "$repo" --port 16566 --admin-port 16567 >"$work/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 120); do
  curl -sf -o /dev/null http://127.0.0.1:16567/healthcheck && break
  sleep 0.5
done

lua() { # $1 = number of entity rows
  local ids
  ids="$(seq -s, 1001 $((1000 + $1)))"
  cat >"$work/post-$1.lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"features": ["driver_activity:trips_7d", "driver_activity:fare_avg_7d", "driver_activity:max_fare_1d"], "entities": {"driver_id": [$ids]}}'
LUA
  echo "$work/post-$1.lua"
}

echo "== sanity: one request"
curl -s -X POST http://127.0.0.1:16566/get-online-features -H 'Content-Type: application/json' \
  -d '{"features": ["driver_activity:trips_7d"], "entities": {"driver_id": [1001]}}'
echo
for rows in 1 10 100; do
  script="$(lua "$rows")"
  echo "== wrk -t2 -c8 -d$duration, $rows entity row(s) x 3 features"
  wrk -t2 -c8 -d"$duration" --latency -s "$script" http://127.0.0.1:16566/get-online-features | \
    grep -E 'Requests/sec|Latency  |50%|99%|Non-2xx|Socket errors'
done
echo "== redis-benchmark -c 8 -t get (same Redis)"
redis-benchmark -p 16999 -c 8 -t get -n 200000 -q | tr '\r' '\n' | grep -v 'rps=' | grep .
echo "== server-side timer"
curl -s http://127.0.0.1:16566/metrics | grep -E '^parity_(http_get_online_features|redis_read)\{quantile="0.(5|99)"\}'
