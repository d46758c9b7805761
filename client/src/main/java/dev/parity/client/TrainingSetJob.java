package dev.parity.client;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A training set to build on the server ({@code POST /jobs/training-set}): a feature service or a
 * list of {@code view:feature} references, the entity table and the output file (relative paths
 * are relative to the server's feature repository, and must lie in its allowed directories).
 *
 * @param featureService the service, or null when {@code features} are given
 * @param features the features, empty when a service is given
 * @param entities the entity table: a Parquet or CSV file or directory
 * @param output the Parquet file to write
 * @param asOfCreated ignore source rows created after this time (reproducible retrieval)
 * @param plainNames name columns by feature instead of {@code view__feature}
 */
public record TrainingSetJob(String featureService, List<String> features, String entities, String output,
    Optional<Instant> asOfCreated, boolean plainNames) {
  public TrainingSetJob {
    requireNonNull(features, "features are null");
    features = List.copyOf(features);
    if ((featureService == null) == features.isEmpty()) {
      throw new IllegalArgumentException("give either a feature service or a non-empty feature list");
    }
    requireNonNull(entities, "entities is null");
    requireNonNull(output, "output is null");
    requireNonNull(asOfCreated, "asOfCreated is null");
  }

  /** Every feature of {@code featureService}. */
  public static TrainingSetJob forService(String featureService, String entities, String output) {
    return new TrainingSetJob(requireNonNull(featureService, "featureService is null"), List.of(), entities, output,
        Optional.empty(), false);
  }

  /** The features {@code features} name ({@code view:feature}). */
  public static TrainingSetJob forFeatures(List<String> features, String entities, String output) {
    return new TrainingSetJob(null, features, entities, output, Optional.empty(), false);
  }

  public TrainingSetJob withAsOfCreated(Instant asOf) {
    return new TrainingSetJob(featureService, features, entities, output, Optional.of(asOf), plainNames);
  }

  public TrainingSetJob withPlainNames() {
    return new TrainingSetJob(featureService, features, entities, output, asOfCreated, true);
  }
}
