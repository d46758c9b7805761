package dev.parity.offline.spark;

import static java.util.Objects.requireNonNull;

import dev.parity.definitions.FutureTimeLimit;
import dev.parity.offline.SkippedRows;
import java.time.Instant;
import java.util.Optional;

/**
 * What a materialization of one feature view on Spark did: the counts the embedded
 * materialization reports for a view (the server's {@code ViewMaterialization}, without the
 * metadata run, which the caller records).
 *
 * @param view the feature view
 * @param version its definition version, the one values were written under
 * @param start the interval start: only entities with a source row in {@code [start, end]} (for
 *     a view with aggregations, {@code [start - longest window, end]}) were written; empty for
 *     "from the beginning"
 * @param end T: the values written are those a training set at T gets
 * @param rowsRead source rows with an event time in the scanned range, those skipped included
 *     (the embedded engine counts the whole row groups it reads, so its count can be higher)
 * @param entities entities whose values were computed (those with a source row in the interval)
 * @param written online rows created or replaced
 * @param unchanged online rows kept because the stored row was at least as new (a rerun: all)
 * @param futureLimit the future-time limit applied, if any
 * @param skipped source rows left out: beyond {@code futureLimit}, or with a null join key
 */
public record SparkViewMaterialization(String view, String version, Optional<Instant> start, Instant end,
    long rowsRead, long entities, long written, long unchanged, Optional<FutureTimeLimit> futureLimit,
    SkippedRows skipped) {
  public SparkViewMaterialization {
    requireNonNull(view, "view is null");
    requireNonNull(version, "version is null");
    requireNonNull(start, "start is null");
    requireNonNull(end, "end is null");
    requireNonNull(futureLimit, "futureLimit is null");
    requireNonNull(skipped, "skipped is null");
    if (rowsRead < 0 || entities < 0 || written < 0 || unchanged < 0) {
      throw new IllegalArgumentException("negative counts: " + rowsRead + ", " + entities + ", " + written + ", "
          + unchanged);
    }
  }
}
