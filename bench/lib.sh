# shellcheck shell=bash
# Shared by the benchmarks: for the lookup ones (client-lookup.sh, http-lookup.sh) a copy of examples/drivers
# with data up to the current hour, materialized into its own Redis, and servers from the shaded
# jar; everything under one temporary directory ($work), stopped by pid and removed at exit.
# Source it after setting `root` (the repository) and `set -euo pipefail`.
# Uses ports 16999 (Redis) and whatever ports the caller gives its servers.

java_opts=(--add-opens=java.base/java.nio=ALL-UNNAMED)

# $1 how to build what is missing, then the files that must exist; wrk must be installed too.
bench_require() {
  local hint="$1" file
  shift
  for file in "$@"; do
    [[ -f "$file" ]] || { echo "missing $file: $hint" >&2; exit 1; }
  done
  command -v wrk >/dev/null || { echo "missing wrk: apt-get install -y wrk" >&2; exit 1; }
}

# Creates $work and stops what runs under it at exit.
bench_workdir() {
  work="$(mktemp -d)"
  trap bench_cleanup EXIT
}

bench_cleanup() {
  local pid
  for pid in "$work"/server-*.pid; do
    [[ -f "$pid" ]] && kill "$(cat "$pid")" 2>/dev/null || true
  done
  wait 2>/dev/null || true
  [[ -f "$work/redis.pid" ]] && kill "$(cat "$work/redis.pid")" 2>/dev/null || true
  rm -rf "$work"
}

# $1 jar, $2 views to materialize (comma separated), then YAML files to add to the example's.
# Sets repo (the repository, $work/drivers) and exports PARITY_REDIS_URL (Redis on port 16999).
bench_repository() {
  local jar="$1" views="$2" end start
  shift 2
  repo="$work/drivers"
  mkdir -p "$repo"
  cp "$root"/examples/drivers/*.yaml "$@" "$repo/"
  # Data up to the current hour, so that the 2d-ttl views are fresh and every feature is served.
  end="$(date -u +%Y-%m-%dT%H:00:00Z)"
  start="$(date -u -d "$end - 30 days" +%Y-%m-%dT%H:00:00Z)"
  java "${java_opts[@]}" -Dslf4j.provider=org.slf4j.helpers.NOP_FallbackServiceProvider -cp "$jar" \
    dev.parity.offline.sample.SampleDataGenerator --out "$repo" --end "$end" >/dev/null
  redis-server --port 16999 --bind 127.0.0.1 --daemonize yes --save "" --appendonly no \
    --dir "$work" --pidfile "$work/redis.pid" --logfile "$work/redis.log"
  export PARITY_REDIS_URL=redis://127.0.0.1:16999
  java "${java_opts[@]}" -jar "$jar" apply -r "$repo" >/dev/null
  java "${java_opts[@]}" -jar "$jar" materialize -r "$repo" --start "$start" --end "$end" --views "$views" >/dev/null
}

# $1 name, $2 jar, $3 JVM flags, $4 server arguments, $5 port, $6 admin port, $7 repository.
# Starts `parity server` in the background (pid in $work/server-NAME.pid, log in
# $work/server-NAME.log) and waits until it is healthy; exits with its log if it does not become so.
bench_start_server() {
  # shellcheck disable=SC2086 # flags and arguments are lists
  java "${java_opts[@]}" $3 -jar "$2" server -r "$7" --port "$5" --admin-port "$6" $4 >"$work/server-$1.log" 2>&1 &
  echo $! >"$work/server-$1.pid"
  for _ in $(seq 1 120); do
    curl -sf -o /dev/null "http://127.0.0.1:$6/healthcheck" && return 0
    sleep 0.5
  done
  echo "server $1 did not become healthy:" >&2
  cat "$work/server-$1.log" >&2
  exit 1
}

# The median of the numbers on stdin, one a line.
median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }

# For the one-JVM benchmarks (consistency.sh, skew.sh): $1 the file /usr/bin/time writes, then
# the bench class and its arguments. Builds benchmarks.jar unless SKIP_BUILD=1, prints the load,
# runs the class with JAVA_OPTS (default -Xmx512m) and prints its wall time and peak RSS.
bench_timed_java() {
  local time_file="$1"
  shift
  if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
    (cd "$root" && mvn -o -q -B -pl bench -am package -DskipTests)
  fi
  echo "load: $(uptime)"
  # shellcheck disable=SC2086 # JAVA_OPTS is a list of flags
  /usr/bin/time -v -o "$time_file" java "${java_opts[@]}" ${JAVA_OPTS:--Xmx512m} \
    -cp "$root/bench/target/benchmarks.jar" "dev.parity.bench.$1" "${@:2}"
  awk '/Elapsed \(wall/ {wall = $NF} /Maximum resident/ {rss = $6 / 1024} END {printf "wall %s, peak RSS %.0f MB\n", wall, rss}' "$time_file"
}
