package dev.parity.offline;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.List;

/**
 * What a training set run wrote.
 *
 * @param output the Parquet file
 * @param rows number of rows (equal to the entity table's)
 * @param columns output column names in order: entity table columns, then {@code view__feature}
 */
public record TrainingSetResult(Path output, long rows, List<String> columns) {
  public TrainingSetResult {
    requireNonNull(output, "output is null");
    columns = List.copyOf(columns);
  }
}
