package dev.parity.server.core;

import dev.parity.ParityException;
import dev.parity.offline.engine.EntityFiles;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * The entity table of a training set, opened once ({@link EntityFiles}: its footers are read once
 * for the reference time and the build), and its latest {@code event_timestamp} from the footers'
 * statistics (no data is read): the time a training set's data must be fresh at.
 */
final class EntityTimes {
  private EntityTimes() {}

  /**
   * The table at {@code table}, opened; empty if it cannot be opened (the training set reports a
   * missing or unreadable table with its own clear error, in its order).
   */
  static Optional<EntityFiles> open(Path table) {
    try {
      return Optional.of(EntityFiles.open(table));
    } catch (ParityException e) {
      return Optional.empty();
    }
  }

  /**
   * The latest event time of {@code table}; empty for CSV tables, when a footer has no statistics
   * for the column, or when a footer cannot be read (here it only means no reference time).
   */
  static Optional<Instant> latest(Optional<EntityFiles> table) {
    try {
      return table.flatMap(EntityFiles::latestEventTime);
    } catch (ParityException e) {
      return Optional.empty();
    }
  }
}
