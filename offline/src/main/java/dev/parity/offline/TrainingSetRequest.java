package dev.parity.offline;

import static java.util.Objects.requireNonNull;

import dev.parity.definitions.FutureTimeLimit;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A point-in-time training set to build.
 *
 * @param entities the entity table
 * @param views the views whose features to join, in output column order
 * @param output the Parquet file to write (replaced atomically)
 * @param asOfCreated if present, source rows created after this instant are ignored
 * @param futureLimit if present, source rows with an event or created time beyond it are ignored
 *     and counted ({@link FutureTimeLimit}, {@link TrainingSetResult#skipped()})
 */
public record TrainingSetRequest(
    EntityTable entities, List<OfflineView> views, Path output, Optional<Instant> asOfCreated,
    Optional<FutureTimeLimit> futureLimit) {
  public TrainingSetRequest {
    requireNonNull(entities, "entities is null");
    requireNonNull(output, "output is null");
    requireNonNull(asOfCreated, "asOfCreated is null");
    requireNonNull(futureLimit, "futureLimit is null");
    views = List.copyOf(views);
    if (views.isEmpty()) {
      throw new IllegalArgumentException("a training set needs at least one view");
    }
    Set<String> names = new HashSet<>();
    for (OfflineView view : views) {
      if (!names.add(view.name())) {
        throw new IllegalArgumentException("view " + view.name() + " is listed twice");
      }
    }
  }

  /** Without a future-time limit. */
  public TrainingSetRequest(EntityTable entities, List<OfflineView> views, Path output, Optional<Instant> asOfCreated) {
    this(entities, views, output, asOfCreated, Optional.empty());
  }
}
