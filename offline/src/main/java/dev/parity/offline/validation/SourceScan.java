package dev.parity.offline.validation;

import dev.parity.definitions.DataType;
import dev.parity.offline.Progress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One streaming pass over a source's files: counts the rows whose event time lies in the interval,
 * feeds their values to the column statistics, and finds the newest event time at or before the
 * reference time. Rows with a null event time belong to no interval (the join ignores them too).
 * Memory: one batch per column. Not thread-safe; one scan per run.
 */
final class SourceScan {
  private final TableReader reader;
  private final int batchRows;
  private final Progress progress;
  private final String table;

  long rows;
  /** Newest event time at or before the reference, in micros; {@link Long#MIN_VALUE} if none. */
  long newest = Long.MIN_VALUE;

  SourceScan(TableReader reader, int batchRows, Progress progress, String table) {
    this.reader = reader;
    this.batchRows = batchRows;
    this.progress = progress;
    this.table = table;
  }

  /**
   * @param timestamp the event time column; empty: every row counts (datasets without one)
   * @param referenceMicros freshness reference time
   * @param alsoRead columns to decode without statistics (so that a CSV value that does not parse
   *     fails here rather than in the run), with their types
   */
  void run(List<Path> files, Optional<String> timestamp, EventInterval interval, long referenceMicros, List<ColumnStats> stats,
      Map<String, DataType> alsoRead) {
    long start = interval.start().map(Formats::micros).orElse(Long.MIN_VALUE);
    long end = interval.end().map(Formats::micros).orElse(Long.MAX_VALUE);
    for (Path file : files) {
      Map<String, ColumnValues> columns = new LinkedHashMap<>();
      timestamp.ifPresent(t -> columns.put(t, new ColumnValues(t, DataType.TIMESTAMP, batchRows)));
      for (ColumnStats s : stats) {
        columns.computeIfAbsent(s.column, c -> new ColumnValues(c, s.type, batchRows));
      }
      alsoRead.forEach((column, type) -> columns.computeIfAbsent(column, c -> new ColumnValues(c, type, batchRows)));
      List<ColumnValues> requested = new ArrayList<>(columns.values());
      ColumnValues time = timestamp.map(columns::get).orElse(null);
      ColumnValues[] inputs = stats.stream().map(s -> columns.get(s.column)).toArray(ColumnValues[]::new);
      reader.scan(file, requested, (n, batch) -> {
        for (int i = 0; i < n; i++) {
          if (time != null) {
            if (time.nulls[i]) {
              continue;
            }
            long t = time.longs[i];
            if (t <= referenceMicros && t > newest) {
              newest = t;
            }
            if (t < start || t > end) {
              continue;
            }
          }
          rows++;
          for (int s = 0; s < inputs.length; s++) {
            stats.get(s).accept(inputs[s], i);
          }
        }
        progress.rowsRead(table, n);
      });
    }
  }
}
