package dev.parity.offline.features;

import static java.util.Objects.requireNonNull;

import dev.parity.definitions.selection.FeatureSelector;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * A training set to build from a repository's definitions.
 *
 * @param selector the feature service or feature list
 * @param entityTable a Parquet or CSV file, or a directory of such files (every file not starting
 *     with {@code .} or {@code _}, in lexicographic path order); CSV when the (first) file name ends
 *     with {@code .csv}, in any case. A CSV table's column types are taken from the definitions:
 *     join keys as in the views' sources, {@code event_timestamp} a timestamp, request fields of
 *     on-demand views as declared, every other column a string
 * @param output the Parquet file to write, replaced atomically on success
 * @param asOfCreated if present, source rows created after this instant are ignored
 * @param fullNames {@code true}: feature columns are named {@code view__feature}; {@code false}:
 *     plain feature names, which must not clash with each other or the entity columns
 */
public record TrainingSetSpec(
    FeatureSelector selector, Path entityTable, Path output, Optional<Instant> asOfCreated, boolean fullNames) {
  public TrainingSetSpec {
    requireNonNull(selector, "selector is null");
    requireNonNull(entityTable, "entityTable is null");
    requireNonNull(output, "output is null");
    requireNonNull(asOfCreated, "asOfCreated is null");
  }

  /** Full {@code view__feature} names, no as-of-created filter. */
  public static TrainingSetSpec of(FeatureSelector selector, Path entityTable, Path output) {
    return new TrainingSetSpec(selector, entityTable, output, Optional.empty(), true);
  }

  public TrainingSetSpec withAsOfCreated(Instant value) {
    return new TrainingSetSpec(selector, entityTable, output, Optional.of(value), fullNames);
  }

  public TrainingSetSpec withFullNames(boolean value) {
    return new TrainingSetSpec(selector, entityTable, output, asOfCreated, value);
  }
}
