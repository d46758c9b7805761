package dev.parity.client;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The JSON of {@code POST /get-online-features} (docs/online.md), as the server's {@code
 * LookupRequestReader} reads it and its {@code OnlineFeaturesJson} writes the answer: written and
 * read with Jackson's streaming API, no tree in between. The answer is checked as it is read:
 * a column per feature name, every column one entry per entity row, known value shapes,
 * ISO-8601 event times; anything else is an {@link IOException} (a malformed answer).
 */
final class LookupJson {
  /** What the server prints for "no event time", as Feast does. */
  static final String NO_EVENT_TIMESTAMP = "1970-01-01T00:00:00Z";
  // Jackson's own double parser (FastDoubleParser, correctly rounded like Double.parseDouble):
  // the JDK's FloatingDecimal was a quarter of the CPU of reading a 100-row answer.
  private static final JsonFactory JSON = JsonFactory.builder().enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER).build();
  private static final char[] PRESENT = FeatureStatus.PRESENT.name().toCharArray();

  private LookupJson() {}

  /**
   * @param featureService the service, or null when {@code features} are given
   * @param entities join key columns, values {@link JsonValues#checked}
   * @param requestData request data columns, likewise
   */
  static byte[] request(String featureService, List<String> features, Map<String, List<Object>> entities,
      Map<String, List<Object>> requestData, boolean fullFeatureNames) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
    try (JsonGenerator json = JSON.createGenerator(bytes)) {
      json.writeStartObject();
      if (featureService != null) {
        json.writeStringField("feature_service", featureService);
      } else {
        json.writeArrayFieldStart("features");
        for (String feature : features) {
          json.writeString(feature);
        }
        json.writeEndArray();
      }
      columns(json, "entities", entities);
      if (!requestData.isEmpty()) {
        columns(json, "request_data", requestData);
      }
      if (fullFeatureNames) {
        json.writeBooleanField("full_feature_names", true);
      }
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write a lookup into memory", e);
    }
    return bytes.toByteArray();
  }

  private static void columns(JsonGenerator json, String field, Map<String, List<Object>> columns) throws IOException {
    json.writeObjectFieldStart(field);
    for (Map.Entry<String, List<Object>> column : columns.entrySet()) {
      json.writeArrayFieldStart(column.getKey());
      for (Object value : column.getValue()) {
        JsonValues.write(json, value);
      }
      json.writeEndArray();
    }
    json.writeEndObject();
  }

  /** A lookup's answer: its column names and rows. */
  record Answer(FeatureNames names, List<RowData> rows) {}

  /** Reads and checks an answer. */
  static Answer answer(byte[] body) throws IOException {
    try (JsonParser json = JSON.createParser(body)) {
      expect(json, json.nextToken(), JsonToken.START_OBJECT, "the answer");
      List<String> names = null;
      List<Column> columns = null;
      for (String field = json.nextFieldName(); field != null; field = json.nextFieldName()) {
        JsonToken token = json.nextToken();
        switch (field) {
          case "metadata" -> names = metadata(json, token);
          case "results" -> columns = results(json, token);
          default -> json.skipChildren();
        }
      }
      if (json.nextToken() != null) {
        throw new IOException("more than one JSON value in the answer");
      }
      if (names == null || columns == null) {
        throw new IOException("the answer lacks " + (names == null ? "metadata.feature_names" : "results"));
      }
      return rows(names, columns);
    }
  }

  private static Answer rows(List<String> names, List<Column> columns) throws IOException {
    if (names.size() != columns.size()) {
      throw new IOException(names.size() + " feature names but " + columns.size() + " results");
    }
    int rowCount = columns.isEmpty() ? 0 : columns.get(0).values.size();
    for (int c = 0; c < columns.size(); c++) {
      Column column = columns.get(c);
      if (column.values.size() != rowCount || column.statuses.size() != rowCount || column.times.size() != rowCount) {
        throw new IOException("results[" + c + "] (" + names.get(c) + ") has " + column.values.size() + " values, "
            + column.statuses.size() + " statuses and " + column.times.size() + " event times; expected " + rowCount
            + " of each");
      }
    }
    FeatureNames featureNames = new FeatureNames(names);
    List<RowData> rows = new ArrayList<>(rowCount);
    for (int r = 0; r < rowCount; r++) {
      Object[] values = new Object[columns.size()];
      FeatureStatus[] statuses = new FeatureStatus[columns.size()];
      Instant[] times = new Instant[columns.size()];
      for (int c = 0; c < columns.size(); c++) {
        Column column = columns.get(c);
        values[c] = column.values.get(r);
        statuses[c] = column.statuses.get(r);
        times[c] = column.times.get(r);
      }
      rows.add(new RowData(featureNames, values, statuses, times));
    }
    return new Answer(featureNames, rows);
  }

  private static List<String> metadata(JsonParser json, JsonToken token) throws IOException {
    expect(json, token, JsonToken.START_OBJECT, "metadata");
    List<String> names = null;
    for (String field = json.nextFieldName(); field != null; field = json.nextFieldName()) {
      JsonToken value = json.nextToken();
      if (field.equals("feature_names")) {
        expect(json, value, JsonToken.START_ARRAY, "metadata.feature_names");
        names = new ArrayList<>();
        for (JsonToken name = json.nextToken(); name != JsonToken.END_ARRAY; name = json.nextToken()) {
          expect(json, name, JsonToken.VALUE_STRING, "a feature name");
          names.add(json.getText());
        }
      } else {
        json.skipChildren();
      }
    }
    return names;
  }

  /** One entry of {@code results}: a feature's values, statuses and event times by row. */
  private static final class Column {
    final List<Object> values = new ArrayList<>();
    final List<FeatureStatus> statuses = new ArrayList<>();
    final List<Instant> times = new ArrayList<>();
  }

  private static List<Column> results(JsonParser json, JsonToken token) throws IOException {
    expect(json, token, JsonToken.START_ARRAY, "results");
    List<Column> columns = new ArrayList<>();
    for (JsonToken entry = json.nextToken(); entry != JsonToken.END_ARRAY; entry = json.nextToken()) {
      if (entry != JsonToken.START_OBJECT) { // the name is built only for the error: per column it cost ~5 % of a lookup
        expect(json, entry, JsonToken.START_OBJECT, "results[" + columns.size() + "]");
      }
      Column column = new Column();
      for (String field = json.nextFieldName(); field != null; field = json.nextFieldName()) {
        JsonToken array = json.nextToken();
        switch (field) {
          case "values" -> {
            expect(json, array, JsonToken.START_ARRAY, field);
            for (JsonToken value = json.nextToken(); value != JsonToken.END_ARRAY; value = json.nextToken()) {
              column.values.add(value(json, value));
            }
          }
          case "statuses" -> {
            expect(json, array, JsonToken.START_ARRAY, field);
            for (JsonToken value = json.nextToken(); value != JsonToken.END_ARRAY; value = json.nextToken()) {
              expect(json, value, JsonToken.VALUE_STRING, "a status");
              column.statuses.add(status(json));
            }
          }
          case "event_timestamps" -> {
            expect(json, array, JsonToken.START_ARRAY, field);
            for (JsonToken value = json.nextToken(); value != JsonToken.END_ARRAY; value = json.nextToken()) {
              expect(json, value, JsonToken.VALUE_STRING, "an event timestamp");
              column.times.add(EventTimes.parse(json.getTextCharacters(), json.getTextOffset(), json.getTextLength()));
            }
          }
          default -> json.skipChildren();
        }
      }
      columns.add(column);
    }
    return columns;
  }

  static Object value(JsonParser json, JsonToken token) throws IOException {
    return switch (token) {
      case VALUE_NUMBER_INT -> {
        if (json.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
          throw new IOException("value " + json.getText() + " is out of the int64 range");
        }
        yield json.getLongValue();
      }
      case VALUE_NUMBER_FLOAT -> json.getDoubleValue();
      case VALUE_STRING -> json.getText();
      case VALUE_TRUE -> Boolean.TRUE;
      case VALUE_FALSE -> Boolean.FALSE;
      case VALUE_NULL -> null;
      default -> throw new IOException("a feature value is " + token + " at " + json.currentLocation().offsetDescription());
    };
  }

  /** The status at the parser, read from its characters for the common one (no string per cell). */
  private static FeatureStatus status(JsonParser json) throws IOException {
    char[] text = json.getTextCharacters();
    int offset = json.getTextOffset();
    if (json.getTextLength() == PRESENT.length) {
      boolean present = true;
      for (int i = 0; i < PRESENT.length && present; i++) {
        present = text[offset + i] == PRESENT[i];
      }
      if (present) {
        return FeatureStatus.PRESENT;
      }
    }
    return FeatureStatus.parse(json.getText());
  }

  private static void expect(JsonParser json, JsonToken token, JsonToken wanted, String what) throws IOException {
    if (token != wanted) {
      throw new IOException("expected " + what + " to be " + wanted + ", got " + token + " at "
          + json.currentLocation().offsetDescription());
    }
  }
}
