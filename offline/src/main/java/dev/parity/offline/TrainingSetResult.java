package dev.parity.offline;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a training set run wrote.
 *
 * @param output the Parquet file
 * @param rows number of rows (equal to the entity table's)
 * @param columns output column names in order: entity table columns, then {@code view__feature}
 * @param skipped per view (in request order), the source rows left out: beyond the future-time
 *     limit, or with a null key
 */
public record TrainingSetResult(Path output, long rows, List<String> columns, Map<String, SkippedRows> skipped) {
  public TrainingSetResult {
    requireNonNull(output, "output is null");
    columns = List.copyOf(columns);
    skipped = Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(skipped, "skipped is null")));
  }

  /** Nothing skipped. */
  public TrainingSetResult(Path output, long rows, List<String> columns) {
    this(output, rows, columns, Map.of());
  }
}
