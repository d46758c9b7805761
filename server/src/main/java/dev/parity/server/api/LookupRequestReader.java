package dev.parity.server.api;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a {@code get-online-features} body into {@link GetOnlineFeaturesRequestJson} with one
 * streaming pass, giving what Jackson's data binding gives for that record (unknown fields
 * ignored, column values as {@code Integer}, {@code Long},
 * {@code BigInteger}, {@code Double}, {@code String}, {@code Boolean}, {@code null}, nested
 * arrays and objects as lists and maps) at a fraction of its cost: the lookup path reads one of
 * these per request, and data binding was an eighth of the server's time there. A value of the
 * wrong shape fails as data binding fails, with a {@link MismatchedInputException} carrying the
 * field path ({@code entities.driver_id}) and location; broken JSON fails with the parser's
 * exception, and so does a repeated key when the factory refuses them ({@link RequestJson}); a
 * body over the parser's limits (nesting depth, string or number length) fails with its {@link
 * StreamConstraintsException}, given the location where it was found. Thread-safe (no state
 * besides the factory).
 */
public final class LookupRequestReader {
  private final JsonFactory factory;

  /** @param factory the application object mapper's factory (its parser features apply) */
  public LookupRequestReader(JsonFactory factory) {
    this.factory = factory;
  }

  /** Reads the body from {@code offset} for {@code length} bytes (UTF-8 JSON). */
  public GetOnlineFeaturesRequestJson read(byte[] body, int offset, int length) throws IOException {
    try (JsonParser json = factory.createParser(body, offset, length)) {
      return read(json);
    }
  }

  private static GetOnlineFeaturesRequestJson read(JsonParser json) throws IOException {
    try {
      JsonToken first = json.nextToken();
      if (first == null) {
        throw MismatchedInputException.from(json, GetOnlineFeaturesRequestJson.class,
            "No content to map due to end-of-input");
      }
      if (first != JsonToken.START_OBJECT) {
        throw mismatch(json, "expected a JSON object with \"features\" or \"feature_service\" and \"entities\", got "
            + describe(first));
      }
      String featureService = null;
      List<String> features = null;
      Map<String, List<Object>> entities = null;
      Map<String, List<Object>> requestData = null;
      Boolean fullFeatureNames = null;
      for (String field = json.nextFieldName(); field != null; field = json.nextFieldName()) {
        JsonToken token = json.nextToken();
        try {
          switch (field) {
            case "feature_service" -> featureService = token == JsonToken.VALUE_NULL ? null : string(json, token);
            case "features" -> features = strings(json, token);
            case "entities" -> entities = columns(json, token);
            case "request_data" -> requestData = columns(json, token);
            case "full_feature_names" -> fullFeatureNames = bool(json, token);
            default -> json.skipChildren();
          }
        } catch (JsonMappingException e) {
          throw JsonMappingException.wrapWithPath(e, (Object) null, field);
        }
      }
      return new GetOnlineFeaturesRequestJson(featureService, features, entities, requestData, fullFeatureNames);
    } catch (StreamConstraintsException limit) {
      // Jackson's limits are checked without the location; the parser still knows it.
      throw limit.getLocation() != null ? limit
          : new StreamConstraintsException(limit.getOriginalMessage(), json.currentLocation());
    }
  }

  private static String string(JsonParser json, JsonToken token) throws IOException {
    if (token != JsonToken.VALUE_STRING) {
      throw mismatch(json, "expected a string, got " + describe(token));
    }
    return json.getText();
  }

  private static Boolean bool(JsonParser json, JsonToken token) throws IOException {
    return switch (token) {
      case VALUE_TRUE -> Boolean.TRUE;
      case VALUE_FALSE -> Boolean.FALSE;
      case VALUE_NULL -> null;
      default -> throw mismatch(json, "expected true or false, got " + describe(token));
    };
  }

  private static List<String> strings(JsonParser json, JsonToken token) throws IOException {
    if (token == JsonToken.VALUE_NULL) {
      return null;
    }
    if (token != JsonToken.START_ARRAY) {
      throw mismatch(json, "expected an array of \"view:feature\" strings, got " + describe(token));
    }
    List<String> values = new ArrayList<>();
    for (JsonToken element = json.nextToken(); element != JsonToken.END_ARRAY; element = json.nextToken()) {
      try {
        // As data binding has it for the record (contentNulls FAIL): a null names no feature.
        values.add(string(json, element));
      } catch (JsonMappingException e) {
        throw JsonMappingException.wrapWithPath(e, (Object) null, values.size());
      }
    }
    return values;
  }

  private static Map<String, List<Object>> columns(JsonParser json, JsonToken token) throws IOException {
    if (token == JsonToken.VALUE_NULL) {
      return null;
    }
    if (token != JsonToken.START_OBJECT) {
      throw mismatch(json, "expected an object of columns such as {\"driver_id\": [1001]}, got " + describe(token));
    }
    Map<String, List<Object>> columns = new LinkedHashMap<>();
    for (String name = json.nextFieldName(); name != null; name = json.nextFieldName()) {
      JsonToken values = json.nextToken();
      try {
        if (values == JsonToken.VALUE_NULL) {
          columns.put(name, null);
        } else if (values == JsonToken.START_ARRAY) {
          List<Object> column = new ArrayList<>();
          for (JsonToken value = json.nextToken(); value != JsonToken.END_ARRAY; value = json.nextToken()) {
            column.add(value(json, value));
          }
          columns.put(name, column);
        } else {
          throw mismatch(json, "expected an array with one value per entity row, got " + describe(values));
        }
      } catch (JsonMappingException e) {
        throw JsonMappingException.wrapWithPath(e, (Object) null, name);
      }
    }
    return columns;
  }

  /** A value as data binding gives it for {@code Object}. */
  private static Object value(JsonParser json, JsonToken token) throws IOException {
    return switch (token) {
      case VALUE_NUMBER_INT -> json.getNumberValue();
      case VALUE_NUMBER_FLOAT -> json.getDoubleValue();
      case VALUE_STRING -> json.getText();
      case VALUE_TRUE -> Boolean.TRUE;
      case VALUE_FALSE -> Boolean.FALSE;
      case VALUE_NULL -> null;
      case START_ARRAY -> {
        List<Object> list = new ArrayList<>();
        for (JsonToken element = json.nextToken(); element != JsonToken.END_ARRAY; element = json.nextToken()) {
          list.add(value(json, element));
        }
        yield list;
      }
      case START_OBJECT -> {
        Map<String, Object> map = new LinkedHashMap<>();
        for (String name = json.nextFieldName(); name != null; name = json.nextFieldName()) {
          map.put(name, value(json, json.nextToken()));
        }
        yield map;
      }
      default -> throw mismatch(json, "unexpected " + describe(token));
    };
  }

  private static MismatchedInputException mismatch(JsonParser json, String message) {
    return MismatchedInputException.from(json, GetOnlineFeaturesRequestJson.class, message);
  }

  private static String describe(JsonToken token) {
    return switch (token) {
      case START_OBJECT -> "an object";
      case START_ARRAY -> "an array";
      case VALUE_STRING -> "a string";
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
      case VALUE_TRUE, VALUE_FALSE -> "a boolean";
      case VALUE_NULL -> "null";
      default -> String.valueOf(token);
    };
  }
}
