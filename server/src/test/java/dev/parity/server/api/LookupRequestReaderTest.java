package dev.parity.server.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.dropwizard.jackson.Jackson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The streaming reader gives what Jackson's data binding gives for the same bodies (differential), and fails where it fails. */
class LookupRequestReaderTest {
  private static final ObjectMapper MAPPER = RequestJson.configure(Jackson.newObjectMapper());
  private static final LookupRequestReader READER = new LookupRequestReader(MAPPER.getFactory());

  @Test
  void agreesWithDataBindingOnGeneratedBodies() throws Exception {
    Random random = new Random(20261204);
    int refused = 0;
    for (int i = 0; i < 2_000; i++) {
      String body = body(random);
      GetOnlineFeaturesRequestJson expected;
      try {
        expected = MAPPER.readValue(body, GetOnlineFeaturesRequestJson.class);
      } catch (JsonProcessingException bindingRefused) {
        // A repeated key or a null feature: the reader refuses it too.
        assertThatThrownBy(() -> read(body)).as(body + " refused by binding: " + bindingRefused.getOriginalMessage())
            .isInstanceOf(JsonProcessingException.class);
        refused++;
        continue;
      }

      GetOnlineFeaturesRequestJson actual = read(body);
      assertThat(actual).as(body).isEqualTo(expected);
      if (expected.entities() != null) {
        // Equal maps with values of the same classes: 1 stays Integer, 1.0 Double, 2^40 Long.
        expected.entities().forEach((name, values) -> {
          if (values != null) {
            for (int v = 0; v < values.size(); v++) {
              Object want = values.get(v);
              Object got = actual.entities().get(name).get(v);
              assertThat(got == null ? null : got.getClass()).as(body).isEqualTo(want == null ? null : want.getClass());
            }
          }
        });
      }
    }
    assertThat(refused).as("bodies both refused").isBetween(1, 1_000);
  }

  @Test
  void aRepeatedKeyIsRefusedNamingItAndWhereAtAnyDepth() {
    // Data binding failed on such a body with an internal error (a 500); the reader kept the last value.
    assertThatThrownBy(() -> read("""
        {"entities": {"driver_id": [1]}, "features": ["a:b"],\n "entities": {"driver_id": [2, 3]}}"""))
        .isInstanceOfSatisfying(JsonParseException.class, e -> {
          assertThat(e.getOriginalMessage()).isEqualTo("Duplicate field 'entities'");
          assertThat(e.getLocation().getLineNr()).isEqualTo(2);
        });
    assertThatThrownBy(() -> read("{\"entities\": {\"driver_id\": [1], \"driver_id\": [2]}}"))
        .hasMessageContaining("Duplicate field 'driver_id'");
    assertThatThrownBy(() -> read("{\"entities\": {\"driver_id\": [{\"a\": 1, \"a\": 2}]}}"))
        .hasMessageContaining("Duplicate field 'a'");
  }

  @Test
  void aNullFeatureIsRefusedWithItsIndex() {
    assertThatThrownBy(() -> read("{\"features\": [\"a:b\", null]}"))
        .isInstanceOfSatisfying(JsonMappingException.class, e -> assertThat(path(e)).isEqualTo("features[1]"));
  }

  @Test
  void aBodyOverAParserLimitFailsWithTheLocation() {
    String deep = "[".repeat(1_001) + "]".repeat(1_001);
    assertThatThrownBy(() -> read("{\"entities\": {\"driver_id\": [1]},\n \"x\": " + deep + "}"))
        .isInstanceOfSatisfying(StreamConstraintsException.class, e -> {
          assertThat(e.getOriginalMessage()).contains("nesting depth (1001)");
          assertThat(e.getLocation().getLineNr()).isEqualTo(2);
        });
    assertThatThrownBy(() -> read("{\"entities\": {\"driver_id\": [" + "9".repeat(1_001) + "]}}"))
        .isInstanceOfSatisfying(StreamConstraintsException.class, e -> assertThat(e.getLocation()).isNotNull());
  }

  @Test
  void aColumnThatIsNotAnArrayFailsNamingItsPathAndPlace() {
    assertThatThrownBy(() -> read("{\"feature_service\": \"s\",\n \"entities\": {\"driver_id\": 1001}}"))
        .isInstanceOfSatisfying(MismatchedInputException.class, e -> {
          assertThat(path(e)).isEqualTo("entities.driver_id");
          assertThat(e.getLocation().getLineNr()).isEqualTo(2);
          assertThat(e.getOriginalMessage()).contains("expected an array");
        });
  }

  @Test
  void valuesOfTheWrongShapeFailWithTheirPath() {
    assertThatThrownBy(() -> read("[1, 2]")).isInstanceOf(MismatchedInputException.class);
    assertThatThrownBy(() -> read("{\"features\": \"driver:conv_rate\"}"))
        .isInstanceOfSatisfying(JsonMappingException.class, e -> assertThat(path(e)).isEqualTo("features"));
    assertThatThrownBy(() -> read("{\"features\": [\"a:b\", 7]}"))
        .isInstanceOfSatisfying(JsonMappingException.class, e -> assertThat(path(e)).isEqualTo("features[1]"));
    assertThatThrownBy(() -> read("{\"feature_service\": {\"name\": \"s\"}}"))
        .isInstanceOfSatisfying(JsonMappingException.class, e -> assertThat(path(e)).isEqualTo("feature_service"));
    assertThatThrownBy(() -> read("{\"full_feature_names\": 1}"))
        .isInstanceOfSatisfying(JsonMappingException.class, e -> assertThat(path(e)).isEqualTo("full_feature_names"));
    assertThatThrownBy(() -> read("{\"request_data\": [1]}"))
        .isInstanceOfSatisfying(JsonMappingException.class, e -> assertThat(path(e)).isEqualTo("request_data"));
    assertThatThrownBy(() -> read("")).isInstanceOf(MismatchedInputException.class);
  }

  @Test
  void brokenJsonFailsAsTheParserDoes() {
    assertThatThrownBy(() -> read("{\"entities\": {\"driver_id\": [1,]}}"))
        .isInstanceOf(JsonParseException.class);
    assertThatThrownBy(() -> read("{\"entities\": {\"driver_id\": [1, 2]")).isInstanceOf(IOException.class);
  }

  /** The path as the 400 message shows it: {@code entities.driver_id}, {@code features[1]}. */
  private static String path(JsonMappingException e) {
    StringBuilder path = new StringBuilder();
    for (JsonMappingException.Reference ref : e.getPath()) {
      path.append(ref.getFieldName() != null ? "." + ref.getFieldName() : "[" + ref.getIndex() + "]");
    }
    return path.toString().replaceFirst("^\\.", "");
  }

  private static GetOnlineFeaturesRequestJson read(String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    return READER.read(bytes, 0, bytes.length);
  }

  /** A body with the known fields (some missing, null or repeated) in random order, and unknown ones. */
  private static String body(Random random) {
    List<String> fields = new ArrayList<>();
    if (random.nextInt(3) > 0) {
      fields.add("\"feature_service\": " + (random.nextInt(5) == 0 ? "null" : quote(word(random))));
    }
    if (random.nextInt(3) > 0) {
      List<String> features = new ArrayList<>();
      for (int i = random.nextInt(4); i > 0; i--) {
        features.add(random.nextInt(8) == 0 ? "null" : quote(word(random) + ":" + word(random)));
      }
      fields.add("\"features\": " + (random.nextInt(6) == 0 ? "null" : "[" + String.join(", ", features) + "]"));
    }
    for (String columns : List.of("entities", "request_data")) {
      if (random.nextInt(4) > 0) {
        fields.add(quote(columns) + ": " + (random.nextInt(8) == 0 ? "null" : columns(random)));
      }
    }
    if (random.nextBoolean()) {
      fields.add("\"full_feature_names\": " + List.of("true", "false", "null").get(random.nextInt(3)));
    }
    for (int i = random.nextInt(3); i > 0; i--) {
      fields.add(quote("unknown_" + word(random)) + ": " + value(random, 2));
    }
    Collections.shuffle(fields, random);
    return "{" + String.join(random.nextBoolean() ? ", " : ",\n ", fields) + "}";
  }

  private static String columns(Random random) {
    List<String> columns = new ArrayList<>();
    int rows = random.nextInt(4);
    for (int c = random.nextInt(3); c > 0; c--) {
      List<String> values = new ArrayList<>();
      for (int r = 0; r < rows; r++) {
        values.add(value(random, 1));
      }
      columns.add(quote(word(random)) + ": " + (random.nextInt(10) == 0 ? "null" : "[" + String.join(",", values) + "]"));
    }
    return "{" + String.join(", ", columns) + "}";
  }

  private static String value(Random random, int depth) {
    return switch (random.nextInt(depth > 0 ? 11 : 9)) {
      case 0 -> Integer.toString(random.nextInt(2_000) - 1_000);
      case 1 -> Long.toString(random.nextLong());
      case 2 -> "123456789012345678901234567890";
      case 3 -> Double.toString(random.nextDouble() * 1e6 - 5e5);
      case 4 -> "1.5e300";
      case 5 -> quote(word(random));
      case 6 -> "\"caf\\u00e9 \\\"x\\\" \\n \u65e5\"";
      case 7 -> random.nextBoolean() ? "true" : "false";
      case 8 -> "null";
      case 9 -> "[" + value(random, depth - 1) + ", " + value(random, depth - 1) + "]";
      default -> "{\"a\": " + value(random, depth - 1) + ", \"b\": " + value(random, depth - 1) + "}";
    };
  }

  private static String word(Random random) {
    return List.of("driver_id", "customer_id", "val_to_add", "conv_rate", "driver_hourly_stats", "x", "trips_7d")
        .get(random.nextInt(7));
  }

  private static String quote(String text) {
    return "\"" + text + "\"";
  }
}
