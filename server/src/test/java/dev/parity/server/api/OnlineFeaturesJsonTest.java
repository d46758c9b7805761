package dev.parity.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parity.online.FeatureValue;
import dev.parity.online.FeatureValue.Status;
import dev.parity.online.serving.FeatureVector;
import dev.parity.online.serving.OnlineFeaturesResponse;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class OnlineFeaturesJsonTest {
  private static final long MICROS = Instant.parse("2026-01-30T23:00:00.000001Z").getEpochSecond() * 1_000_000L + 1;

  @Test
  void writesFeastsShapeWithStatusNamesAndIsoEventTimes() {
    OnlineFeaturesResponse response = new OnlineFeaturesResponse(List.of("driver_id", "conv_rate", "vehicle_type"), List.of(
        new FeatureVector(List.of(new FeatureValue(1001L, Status.PRESENT, FeatureValue.NO_EVENT_TIME),
            new FeatureValue(1002L, Status.PRESENT, FeatureValue.NO_EVENT_TIME))),
        new FeatureVector(List.of(new FeatureValue(0.5, Status.PRESENT, MICROS), FeatureValue.notFound())),
        new FeatureVector(List.of(new FeatureValue(null, Status.OUTSIDE_MAX_AGE, MICROS),
            new FeatureValue("suv", Status.PRESENT, 0)))));

    assertThat(OnlineFeaturesJson.toString(response, false)).isEqualTo("{\"metadata\":{\"feature_names\":"
        + "[\"driver_id\",\"conv_rate\",\"vehicle_type\"]},\"results\":["
        + "{\"values\":[1001,1002],\"statuses\":[\"PRESENT\",\"PRESENT\"],"
        + "\"event_timestamps\":[\"1970-01-01T00:00:00Z\",\"1970-01-01T00:00:00Z\"]},"
        + "{\"values\":[0.5,null],\"statuses\":[\"PRESENT\",\"NOT_FOUND\"],"
        + "\"event_timestamps\":[\"2026-01-30T23:00:00.000001Z\",\"1970-01-01T00:00:00Z\"]},"
        + "{\"values\":[null,\"suv\"],\"statuses\":[\"OUTSIDE_MAX_AGE\",\"PRESENT\"],"
        + "\"event_timestamps\":[\"2026-01-30T23:00:00.000001Z\",\"1970-01-01T00:00:00Z\"]}]}");
  }

  @Test
  void theCompactBytesAreWhatJacksonsGeneratorWrites() {
    // Differential: toBytes (hand-written, the HTTP path) against toString(compact) (Jackson).
    SplittableRandom random = new SplittableRandom(20261204);
    for (int i = 0; i < 3_000; i++) {
      int rows = random.nextInt(4);
      List<String> names = new ArrayList<>();
      List<FeatureVector> columns = new ArrayList<>();
      for (int c = random.nextInt(1, 5); c > 0; c--) {
        names.add(text(random));
        List<FeatureValue> values = new ArrayList<>();
        for (int r = 0; r < rows; r++) {
          Status status = Status.values()[random.nextInt(Status.values().length)];
          long micros = switch (random.nextInt(4)) {
            case 0 -> FeatureValue.NO_EVENT_TIME;
            case 1 -> MICROS;
            case 2 -> random.nextLong(-70_000_000_000_000_000L, 300_000_000_000_000_000L); // years beyond 0000-9999 too
            default -> random.nextLong(0, 4_000_000_000_000_000L);
          };
          Object value = value(random);
          values.add(new FeatureValue(status == Status.PRESENT ? value : null, status, micros));
        }
        columns.add(new FeatureVector(values));
      }
      OnlineFeaturesResponse response = new OnlineFeaturesResponse(names, columns);
      ByteBuffer bytes = OnlineFeaturesJson.toBytes(response);

      assertThat(new String(bytes.array(), 0, bytes.remaining(), StandardCharsets.UTF_8))
          .isEqualTo(OnlineFeaturesJson.toString(response, false));
    }
  }

  private static Object value(SplittableRandom random) {
    return switch (random.nextInt(10)) {
      case 0 -> null;
      case 1 -> random.nextLong();
      case 2 -> random.nextInt();
      case 3 -> Double.longBitsToDouble(random.nextLong());
      case 4 -> List.of(Double.NaN, Double.POSITIVE_INFINITY, -0.0, 1e-300, 0.1, 100.0).get(random.nextInt(6));
      case 5 -> Float.intBitsToFloat(random.nextInt());
      case 6 -> random.nextBoolean();
      default -> text(random);
    };
  }

  /** Strings with every kind of character JSON escapes or encodes: controls, quotes, 2-, 3- and 4-byte UTF-8. */
  private static String text(SplittableRandom random) {
    StringBuilder text = new StringBuilder();
    for (int i = random.nextInt(8); i > 0; i--) {
      switch (random.nextInt(7)) {
        case 0 -> text.append((char) random.nextInt(0x20));
        case 1 -> text.append(random.nextBoolean() ? '"' : '\\');
        case 2 -> text.append((char) random.nextInt(0x20, 0x7F));
        case 3 -> text.append((char) random.nextInt(0x80, 0x800));
        case 4 -> text.append((char) random.nextInt(0x800, 0xD800));
        case 5 -> text.appendCodePoint(random.nextInt(0x10000, 0x110000));
        default -> text.append("conv_rate");
      }
    }
    return text.toString();
  }

  @Test
  void formatsEventTimesExactlyAsInstantDoes() {
    // The hand-written formatter against Instant.toString: fixed edges, then random times.
    List<Long> micros = new ArrayList<>(List.of(0L, 1L, -1L, 999L, 1_000L, 1_000_000L, -1_000_000L, MICROS,
        micros("0000-01-01T00:00:00Z"), micros("0000-01-01T00:00:00Z") - 1, micros("9999-12-31T23:59:59.999999Z"),
        micros("9999-12-31T23:59:59.999999Z") + 1, micros("2024-02-29T12:34:56.789Z"), micros("1900-03-01T00:00:00Z"),
        Long.MAX_VALUE, Long.MIN_VALUE + 1));
    SplittableRandom random = new SplittableRandom(20261204);
    for (int i = 0; i < 200_000; i++) {
      long value = switch (i % 4) {
        case 0 -> random.nextLong(-62_000_000_000_000_000L, 253_500_000_000_000_000L); // around years 0-9999
        case 1 -> random.nextLong(-5_000_000_000L, 5_000_000_000L) * 1_000_000L;       // whole seconds
        case 2 -> random.nextLong(-5_000_000_000_000L, 5_000_000_000_000L) * 1_000L;   // whole milliseconds
        default -> random.nextLong(Long.MIN_VALUE + 1, Long.MAX_VALUE);
      };
      micros.add(value);
    }
    for (long value : micros) {
      Instant instant = Instant.ofEpochSecond(Math.floorDiv(value, 1_000_000L), Math.floorMod(value, 1_000_000L) * 1000L);
      assertThat(OnlineFeaturesJson.eventTimestamp(value)).as("micros %d", value).isEqualTo(instant.toString());
    }
  }

  @Test
  void writesDoublesThatReadBackAsTheSameDouble() throws Exception {
    SplittableRandom random = new SplittableRandom(7);
    List<FeatureValue> values = new ArrayList<>();
    List<Double> doubles = new ArrayList<>(List.of(0.1, 1e23, 2e-3, -0.0, Double.MIN_VALUE, Double.MAX_VALUE, 4.35));
    for (int i = 0; i < 20_000; i++) {
      double d = Double.longBitsToDouble(random.nextLong());
      doubles.add(Double.isFinite(d) ? d : random.nextDouble());
    }
    doubles.forEach(d -> values.add(new FeatureValue(d, Status.PRESENT, 0)));
    OnlineFeaturesResponse response = new OnlineFeaturesResponse(List.of("x"), List.of(new FeatureVector(values)));

    JsonNode read = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
        .readTree(OnlineFeaturesJson.toString(response, false)).at("/results/0/values");

    for (int i = 0; i < doubles.size(); i++) {
      assertThat(read.get(i).decimalValue().doubleValue()).as("value %d", i)
          .isEqualTo(doubles.get(i) == -0.0 ? 0.0 : doubles.get(i));
    }
  }

  private static long micros(String instant) {
    Instant parsed = Instant.parse(instant);
    return parsed.getEpochSecond() * 1_000_000L + parsed.getNano() / 1000;
  }

  @Test
  void printsTimesBeforeTheEpochAsIso() {
    assertThat(OnlineFeaturesJson.eventTimestamp(-1)).isEqualTo("1969-12-31T23:59:59.999999Z");
  }
}
