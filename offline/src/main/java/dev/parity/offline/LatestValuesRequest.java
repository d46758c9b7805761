package dev.parity.offline;

import static java.util.Objects.requireNonNull;

import dev.parity.definitions.FutureTimeLimit;
import java.time.Instant;
import java.util.Optional;

/**
 * The values each entity of a view would get in a training set at {@code end}: what
 * materialization writes to the online store.
 *
 * @param view the view
 * @param end the time T of the synthetic entity rows
 * @param start if present, only the entities whose values at {@code end} may differ from those at
 *     {@code start} are delivered (incremental materialization): those with a source row with
 *     event time in {@code [start, end]}, or, for a view with aggregations, in {@code [start -
 *     longest window, end]} (rows that left a window change its aggregate too); otherwise every
 *     entity with a row at or before {@code end}
 * @param asOfCreated if present, source rows created after this instant are ignored
 * @param futureLimit if present, source rows with an event or created time beyond it are skipped
 *     and counted ({@link FutureTimeLimit}, {@link SkippedRows})
 */
public record LatestValuesRequest(
    OfflineView view, Instant end, Optional<Instant> start, Optional<Instant> asOfCreated,
    Optional<FutureTimeLimit> futureLimit) {
  public LatestValuesRequest {
    requireNonNull(view, "view is null");
    requireNonNull(end, "end is null");
    requireNonNull(start, "start is null");
    requireNonNull(asOfCreated, "asOfCreated is null");
    requireNonNull(futureLimit, "futureLimit is null");
    if (start.isPresent() && start.get().isAfter(end)) {
      throw new IllegalArgumentException("start " + start.get() + " is after end " + end);
    }
  }

  /** Without a future-time limit. */
  public LatestValuesRequest(OfflineView view, Instant end, Optional<Instant> start, Optional<Instant> asOfCreated) {
    this(view, end, start, asOfCreated, Optional.empty());
  }
}
