package dev.parity.server.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import dev.parity.online.serving.OnlineFeaturesRequest;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The body of {@code POST /get-online-features}, as Feast's feature server takes it:
 * {@code {"feature_service": "s"} | {"features": ["view:feature"]}}, {@code "entities"} (join key
 * and, as Feast clients send it, request data columns), optional {@code "request_data"} (docs/online.md)
 * and {@code "full_feature_names"}. Other fields are ignored, as Feast's server ignores them.
 *
 * @param featureService the feature service, or null
 * @param features {@code view:feature} references, or null; a null among them is refused when the
 *     body is read (400 naming its index)
 * @param entities column name to values, one per entity row
 * @param requestData request data columns; Feast sends these among {@code entities}
 * @param fullFeatureNames name result columns {@code view__feature}
 */
public record GetOnlineFeaturesRequestJson(
    @JsonProperty("feature_service") String featureService,
    @JsonSetter(contentNulls = Nulls.FAIL) @JsonProperty("features") List<String> features,
    @JsonProperty("entities") Map<String, List<Object>> entities,
    @JsonProperty("request_data") Map<String, List<Object>> requestData,
    @JsonProperty("full_feature_names") Boolean fullFeatureNames) {

  /** The longest column of {@code entities} and {@code request_data}: the number of entity rows. */
  public int rowCount() {
    int rows = 0;
    for (Map<String, List<Object>> columns : Arrays.asList(entities, requestData)) {
      if (columns != null) {
        for (List<Object> values : columns.values()) {
          rows = Math.max(rows, values == null ? 0 : values.size());
        }
      }
    }
    return rows;
  }

  /**
   * The service request. Every column of {@code entities} is also offered as request data (Feast
   * clients send request data there); {@code request_data} columns take precedence.
   *
   * @throws dev.parity.online.OnlineRequestException neither or both of a service and features,
   *     or a column without values
   */
  public OnlineFeaturesRequest toRequest() {
    Map<String, List<Object>> entityColumns = entities == null ? Map.of() : entities;
    Map<String, List<Object>> data = new LinkedHashMap<>(entityColumns);
    if (requestData != null) {
      data.putAll(requestData);
    }
    return new OnlineFeaturesRequest(Optional.ofNullable(featureService), features == null ? List.of() : features,
        entityColumns, data, Boolean.TRUE.equals(fullFeatureNames));
  }
}
