package dev.parity.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parity.online.FeatureValue;
import dev.parity.online.serving.FeatureVector;
import dev.parity.online.serving.OnlineFeaturesResponse;
import java.time.Instant;
import java.util.Objects;

/**
 * The JSON of {@code POST /get-online-features} (SPEC §4), shared by the HTTP resource and {@code
 * parity get-online} so both print the same bytes. Feast's shape:
 *
 * <pre>{@code
 * {"metadata": {"feature_names": ["driver_id", "conv_rate"]},
 *  "results": [{"values": [1001], "statuses": ["PRESENT"], "event_timestamps": ["1970-01-01T00:00:00Z"]},
 *              {"values": [0.5],  "statuses": ["PRESENT"], "event_timestamps": ["2026-01-30T23:00:00Z"]}]}
 * }</pre>
 *
 * <p>{@code results[i]} belongs to {@code feature_names[i]}, one entry per entity row. Values are
 * JSON numbers, strings, booleans or {@code null} (null unless {@code PRESENT}; timestamp
 * features as UTC microseconds); statuses are the {@link FeatureValue.Status} names; event
 * timestamps are ISO-8601 UTC, {@code 1970-01-01T00:00:00Z} where there is none, as Feast prints
 * them. Stateless and thread-safe.
 */
public final class OnlineFeaturesJson {
  /** Printed for values without an event time (join keys, not found), as Feast does. */
  public static final String NO_EVENT_TIMESTAMP = "1970-01-01T00:00:00Z";

  private OnlineFeaturesJson() {}

  /** The response as a JSON tree in Feast's shape. */
  public static ObjectNode toJson(OnlineFeaturesResponse response) {
    Objects.requireNonNull(response, "response is null");
    JsonNodeFactory json = JsonNodeFactory.instance;
    ObjectNode root = json.objectNode();
    ArrayNode names = root.putObject("metadata").putArray("feature_names");
    response.featureNames().forEach(names::add);
    ArrayNode results = root.putArray("results");
    for (FeatureVector column : response.results()) {
      ObjectNode result = results.addObject();
      ArrayNode values = result.putArray("values");
      ArrayNode statuses = result.putArray("statuses");
      ArrayNode times = result.putArray("event_timestamps");
      for (FeatureValue entry : column.entries()) {
        values.add(value(json, entry.value()));
        statuses.add(entry.status().name());
        times.add(eventTimestamp(entry.eventTimeMicros()));
      }
    }
    return root;
  }

  /** {@code micros} (UTC microseconds) as ISO-8601, or {@link #NO_EVENT_TIMESTAMP}. */
  public static String eventTimestamp(long micros) {
    if (micros == FeatureValue.NO_EVENT_TIME) {
      return NO_EVENT_TIMESTAMP;
    }
    return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000L)
        .toString();
  }

  private static JsonNode value(JsonNodeFactory json, Object value) {
    if (value == null) {
      return json.nullNode();
    } else if (value instanceof Long l) {
      return json.numberNode(l);
    } else if (value instanceof Integer i) {
      return json.numberNode(i);
    } else if (value instanceof Double d) {
      return json.numberNode(d);
    } else if (value instanceof Float f) {
      return json.numberNode(f);
    } else if (value instanceof Boolean b) {
      return json.booleanNode(b);
    }
    return json.textNode(value.toString());
  }
}
