package dev.parity.server.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.databind.JsonNode;
import dev.parity.server.errors.InvalidRequestException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The body of {@code POST /materialize} and {@code POST /materialize-incremental}, as Feast's
 * feature server takes them: {@code {"start_ts": "...", "end_ts": "...", "feature_views": [...]}}
 * ({@code start_ts} only for {@code /materialize}). Times as {@link RequestTimes} reads them (as
 * Feast's clients send them); a null among the views is refused when the body is read (400
 * naming its index).
 */
public record MaterializeRequestJson(
    @JsonProperty("start_ts") JsonNode startTs,
    @JsonProperty("end_ts") JsonNode endTs,
    @JsonSetter(contentNulls = Nulls.FAIL) @JsonProperty("feature_views") List<String> featureViews) {

  /** @throws InvalidRequestException if {@code start_ts} is missing or not a timestamp */
  public Instant start() {
    return RequestTimes.required(startTs, "start_ts");
  }

  /** @throws InvalidRequestException if {@code end_ts} is missing or not a timestamp */
  public Instant end() {
    return RequestTimes.required(endTs, "end_ts");
  }

  /** The selected views; empty for every online view. */
  public Optional<List<String>> views() {
    return featureViews == null || featureViews.isEmpty() ? Optional.empty() : Optional.of(List.copyOf(featureViews));
  }
}
