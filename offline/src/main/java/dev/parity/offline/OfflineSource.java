package dev.parity.offline;

import static java.util.Objects.requireNonNull;

import dev.parity.definitions.SourceFormat;
import java.util.List;
import java.util.Optional;

/**
 * Where the rows of a view come from.
 *
 * @param format file format
 * @param location a file, a directory (all regular files below it, in lexicographic path order) or
 *     a glob; the order of files is the source order used to break ties
 * @param timestampColumn the event time of each row (a UTC timestamp)
 * @param createdColumn optional creation time: breaks ties on event time, and filters rows for
 *     {@code asOfCreated} retrieval
 * @param csvColumns declared columns of a CSV source; empty for Parquet
 */
public record OfflineSource(
    SourceFormat format,
    String location,
    String timestampColumn,
    Optional<String> createdColumn,
    List<ColumnSpec> csvColumns) {
  public OfflineSource {
    requireNonNull(format, "format is null");
    requireNonNull(location, "location is null");
    requireNonNull(timestampColumn, "timestampColumn is null");
    requireNonNull(createdColumn, "createdColumn is null");
    csvColumns = List.copyOf(csvColumns);
    if (format == SourceFormat.CSV && csvColumns.isEmpty()) {
      throw new IllegalArgumentException("a CSV source needs declared columns");
    }
  }

  /** A Parquet source. */
  public static OfflineSource parquet(
      String location, String timestampColumn, Optional<String> createdColumn) {
    return new OfflineSource(SourceFormat.PARQUET, location, timestampColumn, createdColumn, List.of());
  }
}
