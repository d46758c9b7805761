#!/usr/bin/env bash
# Spark offline engine benchmark (#19): `parity training-set --engine spark --master local[2]`
# against the embedded engine (`parity training-set`) and DuckDB's ASOF LEFT JOIN on the same
# files (training-set.sh's generator and DuckDB side), in rotated rounds; then the same job on a
# Spark standalone cluster on loopback (a master and two workers, 1 core each, started here from
# Spark's own jars) with one executor, then two: the speed-up curve. Outputs checked equal cell by
# cell (the Spark engine's part files in name order against the embedded engine's file).
# Usage: bench/spark.sh [DIR] [ROUNDS]      (defaults /tmp/parity-spark, 2 rounds)
#   SIZES="1000000 10000000"  N per size: N source rows over N/10 keys, N entity rows, 10 features
#                             (ttl 2d); the files are kept in DIR/N between runs; 50000000 works too
#   SPARK_MEMORY=1g   the heap of each JVM that runs Spark tasks, set by configuration: on local[2]
#                     spark.driver.memory (driver and executor are one JVM there), on the cluster
#                     spark.executor.memory (each worker offers that much); the cluster's driver
#                     gets 512m
#   SPARK_CONF="spark.k=v ..."  more Spark properties for every Spark run
#   CLUSTER=0         skips the standalone cluster
#   SPARK_HOME        a Spark 4 (Scala 2.13) installation; unset: bench/target/spark-home, made of
#                     the jars Maven resolved for offline-spark (Spark and what Parity's classes
#                     need), whose bin/spark-submit builds the driver's command with Spark's own
#                     launcher library, as bin/spark-class of a distribution does
#   SKIP_BUILD=1      takes the built parity.jar, parity-spark.jar and benchmarks.jar as they are
# Per run: wall and user + sys CPU of the process tree the command waits for (/usr/bin/time: the
# parity JVM and spark-submit's driver JVM; not the cluster's executors, children of the workers),
# and peak RSS: the sum over the run's processes (the command's tree, plus on the cluster the
# executors the workers start for it) sampled with ps every 0.2 s, and the peak of the Spark JVM
# itself (the driver; on the cluster the largest executor), with the -Xmx Spark gave it.
# The cluster's master and workers run throughout and are not counted (their RSS is printed once).
# Run under the shared lock: flock /tmp/parity-bench.lock bench/spark.sh
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
DIR=${1:-/tmp/parity-spark}
mkdir -p "$DIR"
DIR=$(cd "$DIR" && pwd)
ROUNDS=${2:-2}
read -r -a SIZES <<<"${SIZES:-1000000 10000000}"
SPARK_MEMORY=${SPARK_MEMORY:-1g}
read -r -a extra_conf <<<"${SPARK_CONF:-}"
CLUSTER=${CLUSTER:-1}

if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  mvn -o -q -B -pl server,offline-spark,bench -am package -DskipTests
fi
for jar in server/target/parity.jar offline-spark/target/parity-spark.jar bench/target/benchmarks.jar; do
  [[ -f $jar ]] || { echo "missing $jar: mvn -o -B -pl server,offline-spark,bench -am package -DskipTests" >&2; exit 1; }
done

# Spark's own list of module openings for Java 17 (JavaModuleOptions; offline-spark's pom has the
# same): the launcher adds it to drivers and executors, the master and workers started here need it.
spark_flags=(-XX:+IgnoreUnrecognizedVMOptions --add-opens=java.base/java.lang=ALL-UNNAMED
  --add-opens=java.base/java.lang.invoke=ALL-UNNAMED --add-opens=java.base/java.lang.reflect=ALL-UNNAMED
  --add-opens=java.base/java.io=ALL-UNNAMED --add-opens=java.base/java.net=ALL-UNNAMED
  --add-opens=java.base/java.nio=ALL-UNNAMED --add-opens=java.base/java.util=ALL-UNNAMED
  --add-opens=java.base/java.util.concurrent=ALL-UNNAMED --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED
  --add-opens=java.base/jdk.internal.ref=ALL-UNNAMED --add-opens=java.base/sun.nio.ch=ALL-UNNAMED
  --add-opens=java.base/sun.nio.cs=ALL-UNNAMED --add-opens=java.base/sun.security.action=ALL-UNNAMED
  --add-opens=java.base/sun.util.calendar=ALL-UNNAMED -Djdk.reflect.useDirectMethodHandle=false
  -Dio.netty.tryReflectionSetAccessible=true)

# --- A Spark installation -----------------------------------------------------------------------
if [[ -z "${SPARK_HOME:-}" ]]; then
  SPARK_HOME="$root/bench/target/spark-home"
  if [[ ! -f "$SPARK_HOME/jars.txt" || offline-spark/pom.xml -nt "$SPARK_HOME/jars.txt" ]]; then
    rm -rf "$SPARK_HOME/jars" "$SPARK_HOME/jars.txt"
    mkdir -p "$SPARK_HOME/jars"
    # Resolution only (no build). Every scope but test: offline-spark's provided Spark, the compile
    # dependencies of Parity's classes, and runtime ones such as Parquet's shaded Jackson.
    mvn -o -q -B -pl offline-spark -am dependency:list -DincludeScope=test -DoutputAbsoluteArtifactFilename=true \
      -DexcludeGroupIds=dev.parity -DoutputFile="$SPARK_HOME/list.txt" >&2
    grep -oE ':(compile|provided|runtime|system):/[^ ]+\.jar' "$SPARK_HOME/list.txt" | sed -E 's/^:[a-z]+://' >"$SPARK_HOME/jars.tmp"
    n=0
    while IFS= read -r jar; do
      # Numbered: two artifacts of different groups may share a file name.
      ln -s "$jar" "$SPARK_HOME/jars/$(printf '%04d' $n)-$(basename "$jar")"
      n=$((n + 1))
    done <"$SPARK_HOME/jars.tmp"
    mv "$SPARK_HOME/jars.tmp" "$SPARK_HOME/jars.txt"
  fi
  mkdir -p "$SPARK_HOME/bin"
  cat >"$SPARK_HOME/bin/spark-submit" <<'EOF'
#!/usr/bin/env bash
# As a Spark distribution's bin/spark-submit and bin/spark-class: Spark's launcher library prints
# the driver's command (heap from spark.driver.memory, Java 17 module openings), which runs.
home="$(cd "$(dirname "$0")/.." && pwd)"
export SPARK_HOME="$home" SPARK_SCALA_VERSION=2.13
# Its output: message lines, a line holding only a NUL, then the command's words each ended by a NUL.
cmd=()
delimiter=$'\n'
while IFS= read -r -d "$delimiter" word; do
  if [[ $delimiter == '' ]]; then cmd+=("$word")
  elif [[ -z $word ]]; then delimiter='' # bash reads the NUL line as empty
  else echo "$word" >&2
  fi
done < <(java -Xmx128m -cp "$home/jars/*" org.apache.spark.launcher.Main org.apache.spark.deploy.SparkSubmit "$@")
[[ ${#cmd[@]} -gt 0 ]] || { echo "spark-submit: Spark's launcher gave no command" >&2; exit 1; }
exec "${cmd[@]}"
EOF
  chmod +x "$SPARK_HOME/bin/spark-submit"
fi
export SPARK_HOME SPARK_SCALA_VERSION=2.13 SPARK_LOCAL_IP=127.0.0.1
[[ -x "$SPARK_HOME/bin/spark-submit" ]] || { echo "SPARK_HOME=$SPARK_HOME has no bin/spark-submit" >&2; exit 1; }

work=$(mktemp -d)
daemons=()
cleanup() {
  local pid child
  for pid in "${daemons[@]}"; do
    for child in $(ps -o pid= --ppid "$pid" 2>/dev/null); do kill "$child" 2>/dev/null || true; done
    kill "$pid" 2>/dev/null || true
  done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

# --- Measuring ----------------------------------------------------------------------------------
busy() { awk '/^cpu / {print ($2 + $3 + $4 + $7 + $8 + $9) / 100}' /proc/stat; }
# Every 0.2 s until killed, one line: KB of ROOT's process tree plus the descendants of the pids in
# UNDER (the workers: their executors), KB of the Spark driver JVM, of the largest executor JVM,
# and the -Xmx of each.
sample() { # ROOT UNDER
  while :; do
    ps -e -ww -o pid=,ppid=,rss=,args= | awk -v root="$1" -v under="$2" '
      { pid = $1; parent[pid] = $2; rss[pid] = $3; $1 = $2 = $3 = ""; args[pid] = $0 }
      END {
        n = split(under, u, " "); for (i = 1; i <= n; i++) isunder[u[i]] = 1
        for (p in parent) {
          counted = (p == root)
          for (q = parent[p]; !counted && q != "" && q > 1; q = parent[q]) counted = (q == root) || (q in isunder)
          if (!counted) continue
          tree += rss[p]
          heap = match(args[p], /-Xmx[0-9]+[kmgKMG]?/) ? substr(args[p], RSTART + 4, RLENGTH - 4) : "?"
          if (args[p] ~ /org\.apache\.spark\.deploy\.SparkSubmit/ && args[p] !~ /launcher\.Main/ && rss[p] > driver) { driver = rss[p]; dheap = heap }
          if (args[p] ~ /CoarseGrainedExecutorBackend/ && rss[p] > executor) { executor = rss[p]; eheap = heap }
        }
        printf "%d %d %d %s %s\n", tree, driver, executor, (dheap == "" ? "-" : dheap), (eheap == "" ? "-" : eheap)
      }'
    sleep 0.2
  done
}

# $1 size, $2 side, $3 round, $4 pids whose descendants count too, then the command. Prints the
# run's line and appends "wall cpu tree_mb jvm_mb heap" to $work/N-SIDE.
measure() {
  local n=$1 side=$2 round=$3 under=$4 pid sampler status=0 t0 t1
  shift 4
  t0=$(busy)
  /usr/bin/time -f "%e %U %S" -o "$work/run.time" "$@" >"$work/run.out" 2>"$work/run.err" &
  pid=$!
  sample "$pid" "$under" >"$work/run.rss" &
  sampler=$!
  wait "$pid" || status=$?
  kill "$sampler" 2>/dev/null || true
  wait "$sampler" 2>/dev/null || true
  t1=$(busy)
  if [[ $status != 0 ]]; then
    echo "N=$n $side round $round FAILED (exit $status): $*" >&2
    tail -n 40 "$work/run.err" >&2
    exit 1
  fi
  read -r wall user sys < <(tail -n 1 "$work/run.time")
  read -r tree driver executor dheap eheap < <(awk '$1 > t {t = $1} $2 > d {d = $2; dh = $4} $3 > e {e = $3; eh = $5}
    END {printf "%d %d %d %s %s\n", t / 1024, d / 1024, e / 1024, (dh == "" ? "-" : dh), (eh == "" ? "-" : eh)}' "$work/run.rss")
  local jvm=$driver heap=$dheap what="Spark driver JVM"
  if [[ -n "$under" ]]; then jvm=$executor heap=$eheap what="largest executor JVM"; fi
  local cpu
  cpu=$(awk -v u="$user" -v s="$sys" 'BEGIN {printf "%.2f", u + s}')
  awk -v n="$n" -v s="$side" -v r="$round" -v w="$wall" -v c="$cpu" -v t="$tree" -v j="$jvm" -v h="$heap" \
    -v what="$what" -v b0="$t0" -v b1="$t1" -v cores="$(nproc)" 'BEGIN {
    printf "run N=%s %-11s round %s: wall %6.2f s, CPU %6.2f s, peak RSS %5d MB", n, s, r, w, c, t
    if (s ~ /spark|cluster/) printf " (%s %d MB, -Xmx%s)", what, j, h
    printf ", machine busy %.2f of %d cores\n", (b1 - b0) / w, cores }'
  echo "$wall $cpu $tree $jvm $heap" >>"$work/$n-$side"
}

# A side's runs: "median_wall [wall/wall...] median_cpu max_tree_mb max_jvm_mb heap".
summary() { # N SIDE
  awk '{ w[NR] = $1; c[NR] = $2; if ($3 > t) t = $3; if ($4 > j) j = $4; h = $5; runs = runs (NR > 1 ? "/" : "") $1 }
    function med(a, n,   i, k, x, s) { for (i = 1; i <= n; i++) s[i] = a[i]
      for (i = 2; i <= n; i++) { x = s[i]; for (k = i - 1; k >= 1 && s[k] > x; k--) s[k + 1] = s[k]; s[k + 1] = x }
      return n % 2 ? s[(n + 1) / 2] : (s[n / 2] + s[n / 2 + 1]) / 2 }
    END { printf "%.2f [%s] %.2f %d %d %s\n", med(w, NR), runs, med(c, NR), t, j, h }' "$work/$1-$2"
}

# --- The cluster --------------------------------------------------------------------------------
# $1 name, $2 the line (ERE) that says it is ready, its first parenthesised part put in $ready_value,
# then the command; its pid is added to $daemons.
start_daemon() {
  local name=$1 ready=$2 pid
  shift 2
  "$@" >"$DIR/cluster/$name.log" 2>&1 &
  pid=$!
  daemons+=("$pid")
  for _ in $(seq 1 600); do
    if [[ "$(cat "$DIR/cluster/$name.log")" =~ $ready ]]; then
      ready_value=${BASH_REMATCH[1]}
      return 0
    fi
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.2
  done
  echo "the cluster's $name did not start:" >&2
  tail -n 30 "$DIR/cluster/$name.log" >&2
  exit 1
}
# exec: run in the background, the function's process becomes the JVM, whose pid start_daemon keeps.
spark_java() { exec java "-Xmx$1" "${spark_flags[@]}" -cp "$SPARK_HOME/jars/*" "${@:2}"; }
workers=()
if [[ $CLUSTER == 1 ]]; then
  rm -rf "$DIR/cluster"
  mkdir -p "$DIR/cluster"
  start_daemon master 'Starting Spark master at (spark://127\.0\.0\.1:[0-9]+)' \
    spark_java 256m org.apache.spark.deploy.master.Master --host 127.0.0.1 --port 0 --webui-port 0
  master=$ready_value
  for w in 1 2; do
    start_daemon "worker-$w" '(Successfully registered with master)' spark_java 256m org.apache.spark.deploy.worker.Worker \
      --host 127.0.0.1 --port 0 --webui-port 0 --cores 1 --memory "$SPARK_MEMORY" --work-dir "$DIR/cluster/work-$w" "$master"
    workers+=("${daemons[-1]}") # the executors the job gets are its children
  done
fi

# --- The runs -----------------------------------------------------------------------------------
parity=(bash "$root/parity")
bench_java=(java --add-opens=java.base/java.nio=ALL-UNNAMED -Xmx1g -cp bench/target/benchmarks.jar dev.parity.bench.TrainingSetBench)
quietly() { # runs a command whose output only matters when it fails
  "$@" >"$work/quiet.out" 2>&1 || { echo "failed: $*" >&2; tail -n 40 "$work/quiet.out" >&2; exit 1; }
}
echo "load: $(uptime)"
echo "spark memory: local[2] runs tasks in its driver JVM, heap spark.driver.memory=$SPARK_MEMORY;" \
  "the cluster's executors spark.executor.memory=$SPARK_MEMORY, 1 core each (workers --cores 1 --memory $SPARK_MEMORY), driver 512m;" \
  "SPARK_CONF: ${SPARK_CONF:-none}; Spark: $SPARK_HOME"
recorded=0
for n in "${SIZES[@]}"; do
  d="$DIR/$n"
  keys=$((n / 10))
  mkdir -p "$d"
  quietly "${bench_java[@]}" "$d" gen "$n" "$keys" "$n"
  repo="$d/repo"
  if [[ ! -f "$repo/.applied" ]]; then # the repository of cli-training-set.sh over these files
    rm -rf "$repo"
    mkdir -p "$repo"
    ln -sfn "$d/src" "$repo/src"
    printf 'project: default\nregistry: { url: "jdbc:h2:file:./.parity/registry" }\noffline:  { path: ./.parity/offline }\n' >"$repo/parity.yaml"
    {
      printf 'entities:\n  - name: driver\n    join_keys: [driver_id]\n'
      printf 'sources:\n  - name: stats_src\n    format: parquet\n    path: src\n    timestamp: event_timestamp\n'
      printf 'feature_views:\n  - name: stats\n    entities: [driver]\n    source: stats_src\n    ttl: 2d\n    features:\n'
      for f in f0 f1 f2 f3 f4 f5 f6; do printf '      - { name: %s, type: float64 }\n' "$f"; done
      printf '      - { name: n0, type: int64 }\n      - { name: n1, type: int64 }\n      - { name: vehicle, type: string }\n'
      printf 'feature_services:\n  - name: bench\n    features:\n      stats: [f0, f1, f2, f3, f4, f5, f6, n0, n1, vehicle]\n'
    } >"$repo/defs.yaml"
    PARITY_CDS=0 quietly "${parity[@]}" apply -r "$repo" # the launcher records its CDS archive from a training set
    touch "$repo/.applied"
  fi
  ts=(training-set -r "$repo" --service bench --entities "$d/entities.parquet")
  spark=(--engine spark)
  for conf in "${extra_conf[@]}"; do spark+=(--conf "$conf"); done
  if [[ $recorded == 0 ]]; then # unmeasured: the launcher's CDS archive, the page cache of the jars
    quietly "${parity[@]}" "${ts[@]}" --out "$d/out-embedded.parquet"
    quietly "${parity[@]}" "${ts[@]}" --out "$d/out-spark" "${spark[@]}" --master 'local[2]' --conf "spark.driver.memory=$SPARK_MEMORY"
    recorded=1
  fi
  sides=(embedded duckdb spark-local)
  [[ $CLUSTER == 1 ]] && sides+=(cluster-1 cluster-2)
  for round in $(seq 1 "$ROUNDS"); do
    for i in "${!sides[@]}"; do # rotated: each side goes first in turn
      side=${sides[$(((i + round - 1) % ${#sides[@]}))]}
      case $side in
        embedded) measure "$n" "$side" "$round" "" "${parity[@]}" "${ts[@]}" --out "$d/out-embedded.parquet" ;;
        duckdb) measure "$n" "$side" "$round" "" "${bench_java[@]}" "$d" duckdb "$n" "$keys" "$n" ;;
        spark-local) measure "$n" "$side" "$round" "" "${parity[@]}" "${ts[@]}" --out "$d/out-spark" "${spark[@]}" \
          --master 'local[2]' --conf "spark.driver.memory=$SPARK_MEMORY" ;;
        cluster-*) measure "$n" "$side" "$round" "${workers[*]}" "${parity[@]}" "${ts[@]}" --out "$d/out-$side" "${spark[@]}" \
          --master "$master" --conf spark.driver.memory=512m --conf "spark.executor.memory=$SPARK_MEMORY" \
          --conf spark.executor.cores=1 --conf "spark.cores.max=${side#cluster-}" ;;
      esac
    done
  done
  outputs=("$d/duckdb.parquet" "$d/out-embedded.parquet" "$d/out-spark")
  [[ $CLUSTER == 1 ]] && outputs+=("$d/out-cluster-1" "$d/out-cluster-2")
  quietly "${bench_java[@]}" "$d" same "${outputs[@]}"
  same=$(grep '^outputs identical' "$work/quiet.out")
  for side in "${sides[@]}"; do read -r -a "s_${side//-/_}" <<<"$(summary "$n" "$side")"; done
  line() { # LABEL s_ARRAY [what the JVM is]
    local -n s=$2
    printf 'N=%s %-26s median wall %6.2f s [%s], CPU %6.2f s, peak RSS %5d MB' "$n" "$1" "${s[0]}" "${s[1]//[\[\]]/}" "${s[2]}" "${s[3]}"
    if [[ -n "${3:-}" ]]; then printf ' (%s %d MB, -Xmx%s)' "$3" "${s[4]}" "${s[5]}"; fi
    echo
  }
  ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", a / b}'; }
  echo "== N=$n: $n source rows over $keys keys, $n entity rows, 10 features, $ROUNDS rounds"
  line "embedded engine (CLI)" s_embedded
  line "DuckDB ASOF (one JVM)" s_duckdb
  line "spark local[2] (CLI)" s_spark_local "Spark JVM"
  echo "N=$n ratio spark local[2] / embedded: wall $(ratio "${s_spark_local[0]}" "${s_embedded[0]}")," \
    "peak RSS $(ratio "${s_spark_local[3]}" "${s_embedded[3]}"); embedded / duckdb: wall" \
    "$(ratio "${s_embedded[0]}" "${s_duckdb[0]}"), peak RSS $(ratio "${s_embedded[3]}" "${s_duckdb[3]}")"
  if [[ $CLUSTER == 1 ]]; then
    line "cluster, 1 executor (CLI)" s_cluster_1 "executor JVM"
    line "cluster, 2 executors (CLI)" s_cluster_2 "largest executor JVM"
    echo "N=$n speed-up 2 executors / 1 executor: $(ratio "${s_cluster_1[0]}" "${s_cluster_2[0]}") (wall; 1 core each," \
      "on this $(nproc)-core machine); cluster with 2 executors / local[2]: wall $(ratio "${s_cluster_2[0]}" "${s_spark_local[0]}")"
  fi
  echo "N=$n $same"
done
if [[ $CLUSTER == 1 ]]; then
  echo "cluster daemons (not counted above): $(ps -o rss= -p "${daemons[*]}" | awk '{printf "%s%d MB", (NR > 1 ? ", " : ""), $1 / 1024}') (master, workers)"
fi
help=$("${parity[@]}" materialize --help 2>&1 || true)
if grep -q -- '--engine' <<<"$help"; then
  echo "materialize --engine spark: present in this build, not measured by this script yet"
else
  echo "materialize --engine spark: not in this build (skipped)"
fi
echo "load: $(uptime)"
