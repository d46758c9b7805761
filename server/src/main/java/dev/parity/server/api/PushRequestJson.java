package dev.parity.server.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import dev.parity.server.push.PushRows;
import dev.parity.server.push.PushTarget;
import dev.parity.server.errors.InvalidRequestException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The body of {@code POST /push/{source}}, as Feast's {@code POST /push} takes it: {@code {"df":
 * {"driver_id": [1001], "event_timestamp": ["2026-01-31T00:00:00Z"], ...}, "to": "online"}}.
 * {@code "push_source_name"} may be left out (the path names the source); when given it must
 * match. Other fields Feast sends ({@code allow_registry_cache}...) are ignored.
 *
 * @param pushSourceName Feast's name of the push source, or null
 * @param df column name to values, one per row
 * @param to {@code online} (default), {@code offline} or {@code online_and_offline}
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PushRequestJson(
    @JsonProperty("push_source_name") String pushSourceName,
    @JsonProperty("df") Map<String, List<JsonNode>> df,
    @JsonProperty("to") String to) {

  /** The number of rows: the length of the longest column. */
  public int rowCount() {
    return df == null ? 0 : df.values().stream().mapToInt(v -> v == null ? 0 : v.size()).max().orElse(0);
  }

  /** @throws InvalidRequestException if {@code push_source_name} names another source */
  public void requireSource(String source) {
    if (pushSourceName != null && !pushSourceName.equals(source)) {
      throw new InvalidRequestException("push_source_name '" + pushSourceName + "' differs from the source '" + source
          + "' of the path; leave it out or make them equal");
    }
  }

  /** @throws dev.parity.server.push.PushException if {@code to} is not a push target */
  public PushTarget target() {
    return to == null ? PushTarget.ONLINE : PushTarget.fromId(to);
  }

  /**
   * The rows. JSON numbers are untyped ({@link java.math.BigDecimal}): {@code 1} fits an int64 or
   * a float64 column. Arrays and objects are kept as they are, to be rejected with their row.
   *
   * @throws InvalidRequestException if {@code df} is missing, a column is not an array, or a
   *     number is beyond the range of float64 (naming its row and column)
   */
  public PushRows rows() {
    if (df == null || df.isEmpty()) {
      throw new InvalidRequestException("df is missing: give the rows by column, such as "
          + "{\"df\": {\"driver_id\": [1001], \"event_timestamp\": [\"2026-01-31T00:00:00Z\"], ...}}");
    }
    Map<String, List<Object>> columns = new LinkedHashMap<>();
    df.forEach((column, values) -> {
      if (values == null) {
        throw new InvalidRequestException("df column " + column + " is null; expected an array of values");
      }
      List<Object> converted = new ArrayList<>(values.size());
      for (int row = 0; row < values.size(); row++) {
        converted.add(value(values.get(row), column, row));
      }
      columns.put(column, converted);
    });
    return new PushRows(columns);
  }

  private static Object value(JsonNode node, String column, int row) {
    if (node == null || node.isNull()) {
      return null;
    }
    if (node.isNumber()) {
      // Jackson reads 1e400 as an infinite double, which has no decimal value; an integer of
      // hundreds of digits is a decimal that a float64 column would store as infinity.
      if (!Double.isFinite(node.doubleValue())) {
        throw new InvalidRequestException("row " + row + ", column " + column + ": the number is beyond the range of "
            + "float64 (about 1.8e308), which no column type holds; nothing was written");
      }
      return node.decimalValue();
    }
    if (node.isBoolean()) {
      return node.booleanValue();
    }
    if (node.isTextual()) {
      return node.textValue();
    }
    return node;
  }
}
