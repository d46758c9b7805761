package dev.parity.server.servinglog;

import static dev.parity.online.FeatureValue.Status.NULL_VALUE;
import static dev.parity.online.FeatureValue.Status.PRESENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parity.definitions.DataType;
import dev.parity.online.FeatureValue;
import dev.parity.online.KeyColumn;
import dev.parity.online.servinglog.ServedFeature;
import dev.parity.online.servinglog.ServedRequestField;
import dev.parity.online.servinglog.ServedSchema;
import dev.parity.online.servinglog.ServingLogEntry;
import dev.parity.online.testing.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Serving log files written for real under a temporary directory and read back with DuckDB. */
class ParquetServingLogSinkTest {
  private static final Instant NOW = Instant.parse("2025-03-01T10:15:30.5Z");
  private static final long NOW_MICROS = 1_740_824_130_500_000L;
  private static final List<KeyColumn> KEYS = List.of(new KeyColumn("driver_id", DataType.INT64));
  private static final List<ServedFeature> FEATURES = List.of(
      new ServedFeature("stats", "conv_rate", DataType.FLOAT64, "s1"),
      new ServedFeature("stats", "vehicle", DataType.STRING, "s1"),
      new ServedFeature("stats", "active", DataType.BOOL, "s1"),
      new ServedFeature("stats", "trips", DataType.INT64, "s1"),
      new ServedFeature("activity", "last_trip", DataType.TIMESTAMP, "a7"));
  private static final ServedSchema V1 = ServedSchema.ofService("ranking", "v1", KEYS, FEATURES);

  @TempDir
  Path root;
  private final MutableClock clock = new MutableClock(NOW);
  private final LogTables tables = new LogTables();

  @AfterEach
  void closeTables() {
    tables.close();
  }

  private ParquetServingLogSink sink(ParquetServingLogSink.Settings settings) {
    return ParquetServingLogSink.create(root, settings, clock);
  }

  private static ServingLogEntry entry(ServedSchema schema, String id, long timeMicros, long driver,
      FeatureValue... values) {
    return new ServingLogEntry(schema, id, timeMicros, 0, List.of(driver), Arrays.asList(values));
  }

  private static ServingLogEntry full(ServedSchema schema, String id, long timeMicros, long driver) {
    List<FeatureValue> values = new ArrayList<>();
    for (ServedFeature feature : schema.features()) {
      values.add(switch (feature.type()) {
        case FLOAT64 -> new FeatureValue(driver / 4.0, PRESENT, 10L);
        case STRING -> new FeatureValue("van", PRESENT, 10L);
        case BOOL -> new FeatureValue(true, PRESENT, 10L);
        case INT64 -> new FeatureValue(driver * 2, PRESENT, 10L);
        case TIMESTAMP -> new FeatureValue(timeMicros - 1, PRESENT, 20L);
      });
    }
    return new ServingLogEntry(schema, id, timeMicros, 0, List.of(driver), values);
  }

  @Test
  void writesTheWideLayoutWithTypesValuesStatusesAndEventTimes() {
    ParquetServingLogSink sink = sink(ParquetServingLogSink.Settings.defaults());
    sink.write(List.of(
        entry(V1, "r1", NOW_MICROS, 1001, new FeatureValue(0.25, PRESENT, 100L), new FeatureValue("sedan", PRESENT, 100L),
            new FeatureValue(false, PRESENT, 100L), new FeatureValue(12L, PRESENT, 100L),
            new FeatureValue(99L, PRESENT, 200L)),
        entry(V1, "r1", NOW_MICROS, 1002, new FeatureValue(null, NULL_VALUE, 101L), FeatureValue.notFound(),
            FeatureValue.notFound(), FeatureValue.notFound(), FeatureValue.notFound())));
    sink.close();

    List<Path> files = LogTables.files(root);
    assertThat(files).hasSize(1);
    Path file = files.get(0);
    assertThat(root.relativize(file).getParent()).isEqualTo(Path.of("serving_log", "ranking", "date=2025-03-01"));
    assertThat(file.getFileName().toString()).matches("part-20250301T101530500Z-[0-9a-f]{8}-000000\\.parquet");
    Map<String, String> types = tables.types(file);
    assertThat(types.keySet()).containsExactly("request_id", "request_time", "service_version", "driver_id",
        "stats__view_version", "activity__view_version",
        "stats__conv_rate", "stats__conv_rate__status", "stats__conv_rate__event_timestamp",
        "stats__vehicle", "stats__vehicle__status", "stats__vehicle__event_timestamp",
        "stats__active", "stats__active__status", "stats__active__event_timestamp",
        "stats__trips", "stats__trips__status", "stats__trips__event_timestamp",
        "activity__last_trip", "activity__last_trip__status", "activity__last_trip__event_timestamp");
    assertThat(types).containsEntry("request_id", "VARCHAR").containsEntry("request_time", "TIMESTAMP WITH TIME ZONE")
        .containsEntry("driver_id", "BIGINT").containsEntry("stats__conv_rate", "DOUBLE")
        .containsEntry("stats__vehicle", "VARCHAR").containsEntry("stats__active", "BOOLEAN")
        .containsEntry("stats__trips", "BIGINT").containsEntry("activity__last_trip", "TIMESTAMP WITH TIME ZONE")
        .containsEntry("stats__conv_rate__status", "VARCHAR")
        .containsEntry("stats__conv_rate__event_timestamp", "TIMESTAMP WITH TIME ZONE");

    assertThat(tables.rows("SELECT request_id, epoch_us(request_time), service_version, driver_id, stats__view_version,"
        + " activity__view_version, stats__conv_rate, stats__conv_rate__status, epoch_us(stats__conv_rate__event_timestamp),"
        + " stats__vehicle, stats__vehicle__status, stats__active, stats__trips, epoch_us(activity__last_trip),"
        + " activity__last_trip__status, epoch_us(activity__last_trip__event_timestamp) FROM " + LogTables.scan(file)
        + " ORDER BY driver_id")).containsExactly(
        List.of("r1", NOW_MICROS, "v1", 1001L, "s1", "a7", 0.25, "PRESENT", 100L, "sedan", "PRESENT", false, 12L, 99L,
            "PRESENT", 200L),
        Arrays.asList("r1", NOW_MICROS, "v1", 1002L, "s1", "a7", null, "NULL_VALUE", 101L, null, "NOT_FOUND", null, null,
            null, "NOT_FOUND", null));
  }

  @Test
  void writesTheRequestDataFieldsAfterTheJoinKeysNullsIncluded() {
    ServedSchema withData = ServedSchema.ofService("ranking", "v1", KEYS, FEATURES.subList(0, 1))
        .withRequestFields(List.of(new ServedRequestField("val_to_add", DataType.INT64),
            new ServedRequestField("channel", DataType.STRING)));
    ParquetServingLogSink sink = sink(ParquetServingLogSink.Settings.defaults());
    sink.write(List.of(
        new ServingLogEntry(withData, "r1", NOW_MICROS, 0, List.of(1L), List.of(new FeatureValue(0.5, PRESENT, 1L)),
            List.of(7L, "web")),
        new ServingLogEntry(withData, "r1", NOW_MICROS, 1, List.of(2L), List.of(FeatureValue.notFound()),
            Arrays.asList(null, "app"))));
    sink.close();

    Path file = LogTables.files(root).get(0);
    assertThat(tables.types(file).keySet()).containsSequence("driver_id", "val_to_add", "channel",
        "stats__view_version");
    assertThat(tables.rows("SELECT driver_id, val_to_add, channel FROM " + LogTables.scan(file) + " ORDER BY 1"))
        .containsExactly(List.of(1L, 7L, "web"), Arrays.asList(2L, null, "app"));
  }

  @Test
  void publishesNothingBeforeACommitAndCommitsFilesByAge() {
    ParquetServingLogSink sink = sink(ParquetServingLogSink.Settings.defaults().withMaxFileAge(Duration.ofMinutes(5)));
    sink.write(List.of(full(V1, "r1", NOW_MICROS, 1)));
    clock.advance(Duration.ofMinutes(4));
    sink.tick();
    assertThat(LogTables.files(root)).isEmpty();

    clock.advance(Duration.ofMinutes(1));
    sink.tick();
    assertThat(LogTables.files(root)).hasSize(1);
    sink.write(List.of(full(V1, "r2", NOW_MICROS, 2)));
    sink.close();

    assertThat(LogTables.files(root)).hasSize(2);
    assertThat(tables.rows("SELECT request_id FROM " + LogTables.scan(root.resolve("serving_log/**/*.parquet"))
        + " ORDER BY 1")).containsExactly(List.of("r1"), List.of("r2"));
  }

  @Test
  void startsANewFileWhenTheServiceVersionChangesAndPublishesTheOldOne() {
    ServedSchema v2 = ServedSchema.ofService("ranking", "v2", KEYS,
        List.of(new ServedFeature("stats", "conv_rate", DataType.FLOAT64, "s2")));
    ParquetServingLogSink sink = sink(ParquetServingLogSink.Settings.defaults());
    sink.write(List.of(full(V1, "r1", NOW_MICROS, 1), full(V1, "r2", NOW_MICROS, 2)));

    sink.write(List.of(full(v2, "r3", NOW_MICROS, 3)));
    List<Path> published = LogTables.files(root);
    assertThat(published).hasSize(1);
    assertThat(tables.rows("SELECT DISTINCT service_version, stats__view_version FROM " + LogTables.scan(published.get(0))))
        .containsExactly(List.of("v1", "s1"));
    sink.close();

    List<Path> files = LogTables.files(root);
    assertThat(files).hasSize(2);
    Path second = files.stream().filter(f -> !f.equals(published.get(0))).findFirst().orElseThrow();
    assertThat(tables.types(second).keySet()).containsExactly("request_id", "request_time", "service_version",
        "driver_id", "stats__view_version", "stats__conv_rate", "stats__conv_rate__status",
        "stats__conv_rate__event_timestamp");
    assertThat(tables.rows("SELECT request_id, service_version, stats__view_version, stats__conv_rate FROM "
        + LogTables.scan(second))).containsExactly(List.of("r3", "v2", "s2", 0.75));
  }

  @Test
  void rollsFilesByRowCountAndSplitsByRequestDate() {
    ParquetServingLogSink sink = sink(ParquetServingLogSink.Settings.defaults().withMaxRowsPerFile(2));
    long nextDay = NOW_MICROS + Duration.ofDays(1).toNanos() / 1_000;
    sink.write(List.of(full(V1, "a", NOW_MICROS, 1), full(V1, "b", NOW_MICROS, 2), full(V1, "c", NOW_MICROS, 3),
        full(V1, "d", nextDay, 4)));
    sink.close();

    List<Path> files = LogTables.files(root);
    assertThat(files).extracting(f -> f.getParent().getFileName().toString())
        .containsExactlyInAnyOrder("date=2025-03-01", "date=2025-03-01", "date=2025-03-02");
    assertThat(files).extracting(f -> tables.rows("SELECT count(*) FROM " + LogTables.scan(f)).get(0).get(0))
        .containsExactlyInAnyOrder(2L, 1L, 1L);
  }

  @Test
  void writesFeatureListsUnderFeaturesWithoutAServiceVersion() {
    ServedSchema list = ServedSchema.ofFeatures(KEYS, FEATURES.subList(0, 1));
    ParquetServingLogSink sink = sink(ParquetServingLogSink.Settings.defaults());
    sink.write(List.of(full(list, "r1", NOW_MICROS, 8)));
    sink.close();

    Path dir = ParquetServingLogSink.directory(root, null);
    assertThat(dir).isEqualTo(root.resolve("serving_log/features"));
    List<Path> files = LogTables.files(dir);
    assertThat(files).hasSize(1);
    assertThat(tables.rows("SELECT service_version, driver_id, stats__conv_rate FROM " + LogTables.scan(files.get(0))))
        .containsExactly(Arrays.asList(null, 8L, 2.0));
  }

  @Test
  void rejectsALayoutWithARepeatedColumnNamingIt() {
    ServedSchema clash = ServedSchema.ofService("ranking", "v1", List.of(new KeyColumn("request_id", DataType.STRING)),
        FEATURES.subList(0, 1));
    ParquetServingLogSink sink = sink(ParquetServingLogSink.Settings.defaults());

    assertThatThrownBy(() -> sink.write(List.of(new ServingLogEntry(clash, "r1", NOW_MICROS, 0, List.of("x"),
        List.of(FeatureValue.notFound())))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("column 'request_id' would appear twice");
    sink.close();
    assertThat(LogTables.files(root)).isEmpty();
  }
}
