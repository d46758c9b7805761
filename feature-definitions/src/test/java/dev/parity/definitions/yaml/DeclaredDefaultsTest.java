package dev.parity.definitions.yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parity.definitions.DataType;
import dev.parity.definitions.DeclaredDefault;
import dev.parity.definitions.DefinitionException;
import dev.parity.definitions.FeatureRef;
import dev.parity.definitions.FeatureRepository;
import dev.parity.definitions.Fixtures;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code default:} on features and aggregations: read, type-checked, refused with positions. */
class DeclaredDefaultsTest {
  @TempDir Path dir;

  private static final String CONV_RATE = "{ name: conv_rate, type: float64 }";
  private static final String AVG_TRIPS = "{ name: avg_daily_trips, type: int64 }";
  private static final String VEHICLE = "{ name: vehicle_type, type: string }";
  private static final String LONG_TRIP = "{ name: long_trip, type: bool, expr: \"fare > 50.0\" }";
  private static final String FARE_SUM = "{ name: fare_sum_1d, function: sum, column: fare, window: 1d }";
  private static final String TRIPS_7D = "{ name: trips_7d, function: count, window: 7d }";
  private static final String CONV_PLUS_VAL =
      "{ name: conv_plus_val, type: float64, expr: \"driver_hourly_stats.conv_rate + val_to_add\" }";

  /** A copy of the drivers repository with {@code edits} (pairs: text, replacement) applied to its files. */
  private Path repository(String file, String... edits) {
    Path copy = Fixtures.copy(Fixtures.drivers(), dir.resolve("repo"));
    for (int i = 0; i < edits.length; i += 2) {
      Fixtures.replaceOnce(copy.resolve(file), edits[i], edits[i + 1]);
    }
    return copy;
  }

  private static String withDefault(String feature, String value) {
    return feature.substring(0, feature.length() - 2) + ", default: " + value + " }";
  }

  /** {@code file:line:col} of the first occurrence of {@code text} in {@code file}. */
  private static String position(Path repo, String file, String text) {
    return position(repo, file, text, "");
  }

  /** {@code file:line:col} of {@code text} where it first follows {@code before} in {@code file}. */
  private static String position(Path repo, String file, String text, String before) {
    List<String> lines = Fixtures.lines(repo.resolve(file));
    for (int i = 0; i < lines.size(); i++) {
      int at = lines.get(i).indexOf(before + text);
      if (at >= 0) {
        return file + ":" + (i + 1) + ":" + (at + before.length() + 1);
      }
    }
    throw new IllegalArgumentException(before + text + " not in " + file);
  }

  private static List<String> errors(Path repo) {
    DefinitionException e = org.junit.jupiter.api.Assertions.assertThrows(DefinitionException.class, () -> Fixtures.load(repo));
    return e.errors().stream().map(Object::toString).toList();
  }

  @Test
  void readsDefaultsOfEveryTypeAsValuesOfTheFeaturesType() {
    Path repo = repository("drivers.yaml",
        CONV_RATE, withDefault(CONV_RATE, "0"),
        AVG_TRIPS, withDefault(AVG_TRIPS, "-1"),
        VEHICLE, withDefault(VEHICLE, "unknown"),
        LONG_TRIP, withDefault(LONG_TRIP, "false"),
        FARE_SUM, withDefault(FARE_SUM, "0.5"));
    FeatureRepository loaded = Fixtures.load(repo);

    assertThat(loaded.defaultValue(new FeatureRef("driver_hourly_stats", "conv_rate"))).contains(0.0);
    assertThat(loaded.defaultValue(new FeatureRef("driver_hourly_stats", "avg_daily_trips"))).contains(-1L);
    assertThat(loaded.defaultValue(new FeatureRef("customer_trips", "vehicle_type"))).contains("unknown");
    assertThat(loaded.defaultValue(new FeatureRef("customer_trips", "long_trip"))).contains(false);
    assertThat(loaded.defaultValue(new FeatureRef("driver_activity", "fare_sum_1d"))).contains(0.5);
    assertThat(loaded.defaultValue(new FeatureRef("driver_hourly_stats", "acc_rate"))).isEmpty();
    assertThat(loaded.featureView("driver_hourly_stats").orElseThrow().features().get(0).defaultValue())
        .contains(new DeclaredDefault(DeclaredDefault.Kind.INTEGER, "0"));
  }

  @Test
  void rejectsAStringDefaultOnAFloatFeatureWithItsPosition() {
    Path repo = repository("drivers.yaml", CONV_RATE, withDefault(CONV_RATE, "abc"));
    assertThat(errors(repo)).containsExactly(position(repo, "drivers.yaml", "abc")
        + ": feature 'conv_rate': default \"abc\" is a string, but the feature is float64");
  }

  @Test
  void rejectsAQuotedNumberOnAFloatFeature() {
    Path repo = repository("drivers.yaml", CONV_RATE, withDefault(CONV_RATE, "\"1.5\""));
    // A quoted value's position is that of its text, inside the quotes.
    assertThat(errors(repo)).containsExactly(position(repo, "drivers.yaml", "1.5")
        + ": feature 'conv_rate': default \"1.5\" is a string, but the feature is float64");
  }

  @Test
  void rejectsAnIntegerOutsideTheInt64Range() {
    Path repo = repository("drivers.yaml", AVG_TRIPS, withDefault(AVG_TRIPS, "9223372036854775808"));
    assertThat(errors(repo)).containsExactly(position(repo, "drivers.yaml", "9223372036854775808")
        + ": feature 'avg_daily_trips': default 9223372036854775808 is out of the int64 range"
        + " [-9223372036854775808, 9223372036854775807]");
  }

  @Test
  void rejectsADecimalOnAnInt64FeatureAndANumberOnAStringFeature() {
    Path repo = repository("drivers.yaml", AVG_TRIPS, withDefault(AVG_TRIPS, "1.5"), VEHICLE, withDefault(VEHICLE, "7"));
    assertThat(errors(repo)).containsExactly(
        position(repo, "drivers.yaml", "1.5 }") + ": feature 'avg_daily_trips': default 1.5 is a decimal number, but the"
            + " feature is int64",
        position(repo, "drivers.yaml", "7 }") + ": feature 'vehicle_type': default 7 is an integer, not a string; quote it"
            + " (\"7\") for a string default");
  }

  @Test
  void rejectsAnIntegerAFloatCannotHoldExactly() {
    Path repo = repository("drivers.yaml", CONV_RATE, withDefault(CONV_RATE, "9007199254740993"));
    assertThat(errors(repo)).singleElement().asString().contains("cannot hold exactly");
  }

  @Test
  void rejectsADefaultOnATimestampFeature() {
    Path repo = repository("drivers.yaml", VEHICLE, VEHICLE + "\n      - { name: event_timestamp, type: timestamp, default: 0 }");
    assertThat(errors(repo)).containsExactly(position(repo, "drivers.yaml", "0 }", "type: timestamp, default: ")
        + ": feature 'event_timestamp': a timestamp feature cannot declare a default: an invented time would read as a"
        + " real event (ages, windows); leave it null");
  }

  @Test
  void rejectsADefaultOnACount() {
    Path repo = repository("drivers.yaml", TRIPS_7D, withDefault(TRIPS_7D, "-1"));
    assertThat(errors(repo)).containsExactly(position(repo, "drivers.yaml", "-1 }")
        + ": aggregation 'trips_7d' (count) cannot declare a default: a count over no rows is already 0, on both paths");
  }

  @Test
  void rejectsADefaultOnAnOnDemandFeature() {
    Path repo = repository("services.yaml", CONV_PLUS_VAL, withDefault(CONV_PLUS_VAL, "0.0"));
    assertThat(errors(repo)).containsExactly(position(repo, "services.yaml", "0.0 }")
        + ": on-demand feature 'conv_plus_val' cannot declare a default: declare defaults on the feature-view features"
        + " it reads, or use coalesce(...) in its expr");
  }

  @Test
  void rejectsAnEmptyDefaultAndADate() {
    Path repo = repository("drivers.yaml", CONV_RATE, withDefault(CONV_RATE, "null"), VEHICLE,
        withDefault(VEHICLE, "2026-01-01"));
    assertThat(errors(repo)).containsExactly(
        position(repo, "drivers.yaml", "null }") + ": default of feature 'conv_rate' is empty (a default cannot be null:"
            + " leave the key out for no default)",
        position(repo, "drivers.yaml", "2026-01-01") + ": default of feature 'vehicle_type' '2026-01-01' is not a bool,"
            + " number or string in YAML; quote it (\"2026-01-01\") for a string default");
  }

  @Test
  void convertsEachKindOnlyWhereItFits() {
    assertThat(new DeclaredDefault(DeclaredDefault.Kind.INTEGER, "+1_000").valueAs(DataType.INT64)).isEqualTo(1000L);
    assertThat(new DeclaredDefault(DeclaredDefault.Kind.INTEGER, "-3").valueAs(DataType.FLOAT64)).isEqualTo(-3.0);
    assertThat(new DeclaredDefault(DeclaredDefault.Kind.BOOL, "yes").valueAs(DataType.BOOL)).isEqualTo(true);
    assertThat(DeclaredDefault.of(2.5).valueAs(DataType.FLOAT64)).isEqualTo(2.5);
    assertThatThrownBy(() -> new DeclaredDefault(DeclaredDefault.Kind.BOOL, "true").valueAs(DataType.INT64))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("default true is a bool, but the feature is int64");
    assertThatThrownBy(() -> new DeclaredDefault(DeclaredDefault.Kind.FLOAT, "1e400").valueAs(DataType.FLOAT64))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("default 1e400 is out of the float64 range");
  }
}
