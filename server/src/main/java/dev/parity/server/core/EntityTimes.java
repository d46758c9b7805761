package dev.parity.server.core;

import dev.parity.offline.EntityTable;
import dev.parity.offline.OfflineException;
import dev.parity.offline.engine.TableMetadata;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * The latest {@code event_timestamp} of an entity table, from its Parquet footers' statistics
 * ({@link TableMetadata}; no data is read): the time a training set's data must be fresh at.
 * Empty for CSV tables, or when a footer has no statistics for the column.
 */
final class EntityTimes {
  private EntityTimes() {}

  static Optional<Instant> latest(Path table) {
    if (table.getFileName() != null && table.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv")) {
      return Optional.empty();
    }
    try {
      return TableMetadata.latestEventTime(EntityTable.parquet(table.toString()));
    } catch (OfflineException e) {
      // The training set reports a missing or unreadable table with its own clear error; here
      // it only means no reference time.
      return Optional.empty();
    }
  }
}
