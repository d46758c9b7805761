#!/usr/bin/env bash
# Generates this repository's data/ directory (deterministic for a seed).
#   examples/drivers/generate-data.sh                  # small: a few thousand rows, seed 42
#   examples/drivers/generate-data.sh --size bench     # 1M stats rows, 1M trips, 1M entity rows
#   examples/drivers/generate-data.sh --seed 7 --drivers 500 --stats-rows 20000
#   examples/drivers/generate-data.sh --end 2026-11-26T10:00:00Z   # 30 days up to that hour
# Extra arguments go to dev.parity.offline.sample.SampleDataGenerator.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cp_file="$root/offline/target/generator.classpath"
(cd "$root" && mvn -o -q -B -Dstyle.color=never -pl offline -am compile dependency:build-classpath \
  -Dmdep.outputFile="$cp_file" -Dmdep.includeScope=runtime)
# Parquet and Hadoop log at DEBUG through SLF4J; the generator reports on its own.
exec java -Dslf4j.provider=org.slf4j.helpers.NOP_FallbackServiceProvider -Dslf4j.internal.verbosity=WARN \
  -cp "$root/offline/target/classes:$(cat "$cp_file")" \
  dev.parity.offline.sample.SampleDataGenerator --out "$here" "$@"
