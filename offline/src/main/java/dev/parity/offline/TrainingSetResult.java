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
 * @param schema the output's columns in order, with the types written: entity table columns
 *     (narrow integers and floats widened to int64 and float64), then {@code view__feature}
 *     columns; what a caller would otherwise read back from the file's footer
 * @param skipped per view (in request order), the source rows left out: beyond the future-time
 *     limit, or with a null key
 */
public record TrainingSetResult(Path output, long rows, List<ColumnSpec> schema, Map<String, SkippedRows> skipped) {
  public TrainingSetResult {
    requireNonNull(output, "output is null");
    schema = List.copyOf(schema);
    skipped = Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(skipped, "skipped is null")));
  }

  /** The output column names in order ({@link #schema}'s names). */
  public List<String> columns() {
    return schema.stream().map(ColumnSpec::name).toList();
  }
}
