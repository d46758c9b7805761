package dev.parity.server.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import dev.parity.server.errors.InvalidRequestException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;

/**
 * The body of {@code POST /materialize} and {@code POST /materialize-incremental}, as Feast's
 * feature server takes them: {@code {"start_ts": "...", "end_ts": "...", "feature_views": [...]}}
 * ({@code start_ts} only for {@code /materialize}). Timestamps are ISO-8601 with an offset; a
 * null among the views is refused when the body is read (400 naming its index).
 */
public record MaterializeRequestJson(
    @JsonProperty("start_ts") String startTs,
    @JsonProperty("end_ts") String endTs,
    @JsonSetter(contentNulls = Nulls.FAIL) @JsonProperty("feature_views") List<String> featureViews) {

  /** @throws InvalidRequestException if {@code start_ts} is missing or not a timestamp */
  public Instant start() {
    return instant(startTs, "start_ts");
  }

  /** @throws InvalidRequestException if {@code end_ts} is missing or not a timestamp */
  public Instant end() {
    return instant(endTs, "end_ts");
  }

  /** The selected views; empty for every online view. */
  public Optional<List<String>> views() {
    return featureViews == null || featureViews.isEmpty() ? Optional.empty() : Optional.of(List.copyOf(featureViews));
  }

  private static Instant instant(String text, String field) {
    if (text == null) {
      throw new InvalidRequestException(field + " is missing: give an ISO-8601 time such as 2026-01-31T00:00:00Z");
    }
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      throw new InvalidRequestException(field + " '" + text + "' is not an ISO-8601 time with offset, such as 2026-01-31T00:00:00Z");
    }
  }
}
