package dev.parity.server.feast;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * The body of Feast's {@code POST /write-to-online-store}, as the SDK's remote online store sends
 * it: {@code {"feature_view_name": "driver_hourly_stats", "df": {"driver_id": [1001], "conv_rate":
 * [0.5], ..., "event_timestamp": ["2026-12-06T21:30:18"], "created": [null]},
 * "allow_registry_cache": false}}. Other fields are ignored.
 *
 * @param featureViewName the feature view written
 * @param df columns: join keys, the view's features (computed ones included), {@code
 *     event_timestamp} and {@code created}
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record WriteRequestJson(
    @JsonProperty("feature_view_name") String featureViewName,
    @JsonProperty("df") Map<String, List<JsonNode>> df) {}
