package dev.parity.online.servinglog;

import static java.util.Objects.requireNonNull;

import dev.parity.definitions.DataType;
import dev.parity.online.FeatureValue;
import java.util.List;

/**
 * One served entity row: who asked when, the entity's join key values and, per feature of the
 * schema, the value served with its status and event time.
 *
 * <p>Values are typed by {@link ServedFeature#type()} (and join keys by their {@link
 * dev.parity.online.KeyColumn#type()}): {@code Boolean}, {@code Long}, {@code Double}, {@code
 * String}, and {@code Long} microseconds since the epoch (UTC) for timestamps. A value is null
 * unless its status is {@code PRESENT}; an event time is {@link FeatureValue#NO_EVENT_TIME} when
 * none was stored.
 *
 * @param schema what the request served; shared by all entries of the request
 * @param requestId identifies the request; all its entity rows share it
 * @param requestTimeMicros when the request was received, microseconds since the epoch (UTC)
 * @param row the entity row's position in the request
 * @param joinKeys the join key values, one per {@code schema.joinKeys()}
 * @param values the served values, one per {@code schema.features()}
 * @param requestData the request data values of the row, one per {@code schema.requestFields()},
 *     each null or of its field's type
 */
public record ServingLogEntry(
    ServedSchema schema, String requestId, long requestTimeMicros, int row, List<Object> joinKeys,
    List<FeatureValue> values, List<Object> requestData) {

  /**
   * @throws IllegalArgumentException the value counts do not match the schema, or a value is not
   *     of its column's type
   */
  public ServingLogEntry {
    requireNonNull(schema, "schema is null");
    requireNonNull(requestId, "request id is null");
    requireNonNull(joinKeys, "join keys are null");
    values = List.copyOf(requireNonNull(values, "values are null"));
    requireNonNull(requestData, "request data is null");
    if (joinKeys.size() != schema.joinKeys().size() || values.size() != schema.features().size()) {
      throw new IllegalArgumentException("request " + requestId + " row " + row + ": " + joinKeys.size() + " keys and "
          + values.size() + " values for a schema of " + schema.joinKeys().size() + " keys and "
          + schema.features().size() + " features");
    }
    // Join keys are never null, but copy without List.copyOf's null check to report our own error.
    joinKeys = joinKeys.stream().toList();
    for (int k = 0; k < joinKeys.size(); k++) {
      check(schema.joinKeys().get(k).type(), joinKeys.get(k), "join key " + schema.joinKeys().get(k).name(), requestId, row);
    }
    for (int f = 0; f < values.size(); f++) {
      ServedFeature feature = schema.features().get(f);
      Object value = values.get(f).value();
      if (value != null) {
        check(feature.type(), value, "feature " + feature.view() + ":" + feature.feature(), requestId, row);
      }
    }
    if (requestData.size() != schema.requestFields().size()) {
      throw new IllegalArgumentException("request " + requestId + " row " + row + ": " + requestData.size()
          + " request data values for a schema of " + schema.requestFields().size() + " request fields");
    }
    // Request data may be null: copied without List.copyOf's null check.
    requestData = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(requestData));
    for (int i = 0; i < requestData.size(); i++) {
      if (requestData.get(i) != null) {
        check(schema.requestFields().get(i).type(), requestData.get(i),
            "request field " + schema.requestFields().get(i).name(), requestId, row);
      }
    }
  }

  /** An entry of a schema without request data fields. */
  public ServingLogEntry(ServedSchema schema, String requestId, long requestTimeMicros, int row, List<Object> joinKeys,
      List<FeatureValue> values) {
    this(schema, requestId, requestTimeMicros, row, joinKeys, values, List.of());
  }

  private static void check(DataType type, Object value, String what, String requestId, int row) {
    boolean ok = switch (type) {
      case BOOL -> value instanceof Boolean;
      case INT64, TIMESTAMP -> value instanceof Long;
      case FLOAT64 -> value instanceof Double;
      case STRING -> value instanceof String;
    };
    if (!ok) {
      throw new IllegalArgumentException("request " + requestId + " row " + row + ": " + what + " is " + type
          + " but the value is " + (value == null ? "null" : value.getClass().getSimpleName() + " " + value));
    }
  }
}
