package dev.parity.offline.features;

import static java.util.Objects.requireNonNull;

import dev.parity.definitions.FeatureRef;
import dev.parity.definitions.FutureTimeLimit;
import dev.parity.offline.SkippedRows;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What {@link TrainingSets#build} wrote, and what the caller records in the metadata store to
 * reproduce or audit it.
 *
 * @param output the Parquet file
 * @param rows output rows (equal to the entity table's)
 * @param columns output column names in order: the entity table's, then the selected features
 * @param service the feature service, if the selection was one
 * @param serviceVersion its version
 * @param features the selected features, in output order
 * @param viewVersions version of every feature view joined and on-demand view computed (also
 *     those only read by on-demand features), by name
 * @param entityFingerprint lower-case hex SHA-256 of the entity table's bytes (files concatenated
 *     in lexicographic path order)
 * @param statistics one per selected feature, in output order
 * @param futureLimit the future-time limit the run applied ({@link FutureTimeLimit})
 * @param skipped per joined feature view, the source rows it left out: beyond {@code
 *     futureLimit}, or with a null key ({@link SkippedRows})
 */
public record BuiltTrainingSet(
    Path output,
    long rows,
    List<String> columns,
    Optional<String> service,
    Optional<String> serviceVersion,
    List<FeatureRef> features,
    Map<String, String> viewVersions,
    String entityFingerprint,
    List<FeatureStatistics> statistics,
    FutureTimeLimit futureLimit,
    Map<String, SkippedRows> skipped) {
  public BuiltTrainingSet {
    requireNonNull(output, "output is null");
    requireNonNull(service, "service is null");
    requireNonNull(serviceVersion, "serviceVersion is null");
    requireNonNull(entityFingerprint, "entityFingerprint is null");
    columns = List.copyOf(columns);
    features = List.copyOf(features);
    viewVersions = Collections.unmodifiableMap(new TreeMap<>(viewVersions));
    statistics = List.copyOf(statistics);
    requireNonNull(futureLimit, "futureLimit is null");
    skipped = Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(skipped, "skipped is null")));
  }

  /** Source rows left out for a time beyond {@link #futureLimit()}, over every view. */
  public long beyondFutureLimit() {
    return skipped.values().stream().mapToLong(SkippedRows::beyondFutureLimit).sum();
  }
}
