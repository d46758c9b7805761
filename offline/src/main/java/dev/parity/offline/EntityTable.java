package dev.parity.offline;

import static java.util.Objects.requireNonNull;

import dev.parity.definitions.SourceFormat;
import java.util.List;

/**
 * The entity table of a training set: join keys, {@code event_timestamp} and any extra columns
 * (labels...), which are copied to the output unchanged.
 *
 * @param format file format
 * @param location a file, a directory (all regular files below it, in lexicographic path order) or
 *     a glob such as {@code data/*.parquet}
 * @param csvColumns the declared columns of a CSV table (every column to read, in any order);
 *     empty for Parquet
 */
public record EntityTable(SourceFormat format, String location, List<ColumnSpec> csvColumns) {
  /** The name of the timestamp column every entity table has. */
  public static final String EVENT_TIMESTAMP = "event_timestamp";

  public EntityTable {
    requireNonNull(format, "format is null");
    requireNonNull(location, "location is null");
    csvColumns = List.copyOf(csvColumns);
    if (format == SourceFormat.CSV && csvColumns.isEmpty()) {
      throw new IllegalArgumentException("a CSV entity table needs declared columns");
    }
  }

  /** A Parquet entity table. */
  public static EntityTable parquet(String location) {
    return new EntityTable(SourceFormat.PARQUET, location, List.of());
  }

  /** A CSV entity table with the given declared columns. */
  public static EntityTable csv(String location, List<ColumnSpec> columns) {
    return new EntityTable(SourceFormat.CSV, location, columns);
  }
}
