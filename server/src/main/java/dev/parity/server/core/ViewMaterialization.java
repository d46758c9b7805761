package dev.parity.server.core;

import static java.util.Objects.requireNonNull;

import dev.parity.definitions.FutureTimeLimit;
import dev.parity.offline.SkippedRows;
import java.time.Instant;
import java.util.Optional;

/**
 * What materialization did for one feature view.
 *
 * @param view the feature view
 * @param version its definition version, the one values were written under
 * @param runId the metadata store's materialization run; empty when the view was already
 *     materialized up to the requested end (incremental) and nothing ran
 * @param start the interval start: only entities with a source row in {@code [start, end]} were
 *     written; empty for "from the beginning"
 * @param end T: the values written are those a training set at T gets
 * @param rowsRead source rows the engine read
 * @param entities entities the engine delivered (those with a source row in the interval)
 * @param written online rows created or replaced
 * @param unchanged online rows kept because the stored row was at least as new (a rerun: all)
 * @param futureLimit the future-time limit the run applied ({@link FutureTimeLimit}); empty when
 *     nothing ran
 * @param skipped source rows in the interval left out: beyond {@code futureLimit}, or with a null
 *     join key (no lookup can reach them)
 */
public record ViewMaterialization(String view, String version, Optional<Long> runId, Optional<Instant> start,
    Instant end, long rowsRead, long entities, long written, long unchanged, Optional<FutureTimeLimit> futureLimit,
    SkippedRows skipped) {
  public ViewMaterialization {
    requireNonNull(view, "view is null");
    requireNonNull(version, "version is null");
    requireNonNull(runId, "runId is null");
    requireNonNull(start, "start is null");
    requireNonNull(end, "end is null");
    requireNonNull(futureLimit, "futureLimit is null");
    requireNonNull(skipped, "skipped is null");
  }

  /** A view already materialized up to {@code end}: nothing ran. */
  static ViewMaterialization upToDate(String view, String version, Optional<Instant> lastEnd, Instant end) {
    return new ViewMaterialization(view, version, Optional.empty(), lastEnd, end, 0, 0, 0, 0, Optional.empty(),
        SkippedRows.NONE);
  }

  /** Whether the view was already materialized up to {@code end}, so nothing ran. */
  public boolean upToDate() {
    return runId.isEmpty();
  }

  /**
   * {@code driver_hourly_stats [2026-01-01T00:00:00Z, 2026-01-31T00:00:00Z]: 4000 rows read, 190
   * entities, 190 written, 0 unchanged (run 3)}, followed, when rows were skipped, by {@code ; 2
   * source rows skipped with an event or created time beyond LIMIT, 1 with a null join key}; or
   * {@code ...: already materialized up to END}.
   */
  public String render() {
    if (upToDate()) {
      return view + ": already materialized up to " + end + ", nothing to do";
    }
    return view + " [" + start.map(Instant::toString).orElse("beginning") + ", " + end + "]: " + rowsRead
        + " rows read, " + entities + " entities, " + written + " written, " + unchanged + " unchanged (run "
        + runId.get() + ")" + renderSkipped();
  }

  /** What {@link #render} says about skipped rows: empty when none were. */
  String renderSkipped() {
    if (!skipped.any()) {
      return "";
    }
    StringBuilder text = new StringBuilder("; source rows skipped: ");
    if (skipped.beyondFutureLimit() > 0) {
      text.append(skipped.beyondFutureLimit()).append(" with an event or created time beyond ")
          .append(futureLimit.map(FutureTimeLimit::describe).orElse("the future-time limit"));
    }
    if (skipped.nullKeys() > 0) {
      text.append(skipped.beyondFutureLimit() > 0 ? ", " : "").append(skipped.nullKeys())
          .append(" with a null join key");
    }
    return text.toString();
  }
}
