package dev.parity.server.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import dev.parity.definitions.FeatureRepository;
import dev.parity.definitions.selection.FeatureSelector;
import dev.parity.offline.features.TrainingSetSpec;
import dev.parity.server.core.AllowedPaths;
import dev.parity.server.errors.InvalidRequestException;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The body of {@code POST /jobs/training-set}, the CLI's {@code training-set} as JSON:
 * {@code {"feature_service": "s"} | {"features": ["view:feature", ...]}}, {@code "entities"} (a
 * Parquet or CSV file or directory), {@code "output"} (the Parquet file to write), optional
 * {@code "as_of_created"} (a time as {@link RequestTimes} reads it) and {@code "plain_names"} (name columns by feature instead of
 * {@code view__feature}). Relative paths are relative to the feature repository; both must be
 * JSON strings, inside the directories {@link AllowedPaths} allows, and the output a
 * {@code .parquet} file.
 */
public record JobTrainingSetRequestJson(
    @JsonProperty("feature_service") String featureService,
    @JsonSetter(contentNulls = Nulls.FAIL) @JsonProperty("features") List<String> features,
    @JsonProperty("entities") @JsonDeserialize(using = PathStringDeserializer.class) String entities,
    @JsonProperty("output") @JsonDeserialize(using = PathStringDeserializer.class) String output,
    @JsonProperty("as_of_created") JsonNode asOfCreated,
    @JsonProperty("plain_names") Boolean plainNames) {

  /**
   * The training set to build from {@code repository}, its paths confined by {@code paths}.
   *
   * @throws InvalidRequestException neither or both of a service and features, or a bad time
   * @throws dev.parity.server.core.RequestPathException a missing path, an output that is not
   *     {@code .parquet}, or a path outside the allowed directories
   * @throws dev.parity.definitions.SelectionException a feature not written {@code view:feature}
   */
  public TrainingSetSpec toSpec(FeatureRepository repository, AllowedPaths paths) {
    boolean hasFeatures = features != null && !features.isEmpty();
    if ((featureService == null) == !hasFeatures) {
      throw new InvalidRequestException("give either \"feature_service\" or a non-empty \"features\" list, such as "
          + "{\"feature_service\": \"driver_ranking_v1\", \"entities\": \"data/entities.parquet\", "
          + "\"output\": \"out/training.parquet\"}");
    }
    FeatureSelector selector = featureService != null ? FeatureSelector.service(featureService)
        : FeatureSelector.features(features);
    Optional<Instant> asOf = asOfCreated == null || asOfCreated.isNull() ? Optional.empty()
        : Optional.of(RequestTimes.required(asOfCreated, "as_of_created"));
    return new TrainingSetSpec(selector, paths.input(repository, "entities", entities),
        paths.output(repository, "output", output, AllowedPaths.PARQUET), asOf, plainNames == null || !plainNames);
  }
}
