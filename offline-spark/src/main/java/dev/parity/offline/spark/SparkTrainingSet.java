package dev.parity.offline.spark;

import static java.util.Objects.requireNonNull;

import dev.parity.offline.TrainingSetResult;
import dev.parity.offline.features.FeatureStatistics;
import java.util.List;

/**
 * A training set the Spark engine wrote.
 *
 * @param result the output directory, its rows, columns and the source rows each view skipped
 * @param statistics one per feature column, in output order, collected by the executors that wrote
 *     them (also in the directory's {@code _parity.json})
 */
public record SparkTrainingSet(TrainingSetResult result, List<FeatureStatistics> statistics) {
  public SparkTrainingSet {
    requireNonNull(result, "result is null");
    statistics = List.copyOf(statistics);
  }
}
