package dev.parity.server.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.parity.online.FeatureValue;
import dev.parity.online.serving.FeatureVector;
import dev.parity.online.serving.OnlineFeaturesResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code get-online-features} response in the JSON shape of Feast's feature server:
 * {@code {"metadata": {"feature_names": [...]}, "results": [{"values": [...], "statuses": [...],
 * "event_timestamps": [...]}, ...]}}, {@code results[i]} belonging to {@code feature_names[i]}
 * with one entry per entity row.
 *
 * <p>As Feast prints them, event timestamps are RFC 3339 strings in UTC and a missing one (join
 * keys, {@code NOT_FOUND}) is {@code 1970-01-01T00:00:00Z}. Values are JSON numbers, strings,
 * booleans or null; a {@code timestamp} feature's value is microseconds since the epoch.
 */
public record OnlineFeaturesJson(
    @JsonProperty("metadata") Metadata metadata, @JsonProperty("results") List<Column> results) {

  private static final String NO_EVENT_TIME = Instant.EPOCH.toString();

  /** The names of the result columns. */
  public record Metadata(@JsonProperty("feature_names") List<String> featureNames) {}

  /** One result column: per entity row its value, status and event time. */
  public record Column(
      @JsonProperty("values") List<Object> values,
      @JsonProperty("statuses") List<FeatureValue.Status> statuses,
      @JsonProperty("event_timestamps") List<String> eventTimestamps) {}

  /** The JSON form of {@code response}. */
  public static OnlineFeaturesJson of(OnlineFeaturesResponse response) {
    List<Column> columns = new ArrayList<>(response.results().size());
    for (FeatureVector vector : response.results()) {
      int rows = vector.size();
      List<Object> values = new ArrayList<>(rows);
      List<FeatureValue.Status> statuses = new ArrayList<>(rows);
      List<String> times = new ArrayList<>(rows);
      for (FeatureValue entry : vector.entries()) {
        values.add(entry.value());
        statuses.add(entry.status());
        times.add(eventTime(entry.eventTimeMicros()));
      }
      columns.add(new Column(values, statuses, times));
    }
    return new OnlineFeaturesJson(new Metadata(response.featureNames()), columns);
  }

  private static String eventTime(long micros) {
    if (micros == FeatureValue.NO_EVENT_TIME) {
      return NO_EVENT_TIME;
    }
    return Instant.EPOCH.plusSeconds(Math.floorDiv(micros, 1_000_000L))
        .plusNanos(Math.floorMod(micros, 1_000_000L) * 1_000L).toString();
  }
}
