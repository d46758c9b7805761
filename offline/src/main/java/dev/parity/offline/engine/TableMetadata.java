package dev.parity.offline.engine;

import static java.util.Objects.requireNonNull;

import dev.parity.offline.schema.SourceFiles;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import dev.parity.offline.CorruptInputException;
import dev.parity.offline.EntityTable;
import dev.parity.offline.MissingInputException;

/**
 * What an entity table's file metadata says without reading its data: the range of its {@code
 * event_timestamp} from Parquet column statistics. The engine uses it to prune sources while the
 * entity table is still being read; callers use it as the time a training set's data must be
 * fresh at. Stateless and thread-safe.
 */
public final class TableMetadata {
  private TableMetadata() {}

  /**
   * The latest {@code event_timestamp} of {@code table} from its files' statistics.
   *
   * @return empty for a CSV table, or when a row group of some file has no statistics for the
   *     column (or has no such column)
   * @throws MissingInputException if the location names no file
   * @throws CorruptInputException if a file's footer cannot be read
   */
  public static Optional<Instant> latestEventTime(EntityTable table) {
    requireNonNull(table, "table is null");
    return eventTimeBounds(TableScanner.of(table.format(), table.csvColumns()), SourceFiles.resolve(table.location()))
        .filter(bounds -> bounds[0] <= bounds[1])
        .map(bounds -> Instant.ofEpochSecond(Math.floorDiv(bounds[1], 1_000_000L),
            Math.floorMod(bounds[1], 1_000_000L) * 1000L));
  }

  /**
   * The earliest and latest {@code event_timestamp} of {@code table} from its files' statistics:
   * the period a training set's rows come from.
   *
   * @return empty as for {@link #latestEventTime}
   * @throws MissingInputException if the location names no file
   * @throws CorruptInputException if a file's footer cannot be read
   */
  public static Optional<EventTimes> eventTimes(EntityTable table) {
    requireNonNull(table, "table is null");
    return eventTimeBounds(TableScanner.of(table.format(), table.csvColumns()), SourceFiles.resolve(table.location()))
        .filter(bounds -> bounds[0] <= bounds[1])
        .map(bounds -> new EventTimes(micros(bounds[0]), micros(bounds[1])));
  }

  /** The earliest and latest event time of a table. */
  public record EventTimes(Instant earliest, Instant latest) {
    public EventTimes {
      requireNonNull(earliest, "earliest is null");
      requireNonNull(latest, "latest is null");
    }
  }

  private static Instant micros(long micros) {
    return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000L);
  }

  /** The smallest and greatest {@code event_timestamp} of {@code files}, if every file's metadata has them. */
  static Optional<long[]> eventTimeBounds(TableScanner scanner, List<Path> files) {
    long min = Long.MAX_VALUE;
    long max = Long.MIN_VALUE;
    for (Path file : files) {
      Optional<long[]> bounds = scanner.timeBounds(file, EntityTable.EVENT_TIMESTAMP);
      if (bounds.isEmpty()) {
        return Optional.empty();
      }
      min = Math.min(min, bounds.get()[0]);
      max = Math.max(max, bounds.get()[1]);
    }
    return Optional.of(new long[] {min, max});
  }
}
