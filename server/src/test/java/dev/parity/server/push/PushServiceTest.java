package dev.parity.server.push;

import static dev.parity.server.push.PushFixture.NOW;
import static dev.parity.server.push.PushFixture.T;
import static dev.parity.server.push.PushFixture.row;
import static dev.parity.server.push.PushFixture.stats;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parity.offline.Progress;
import dev.parity.definitions.selection.FeatureSelector;
import dev.parity.offline.features.TrainingSetSpec;
import dev.parity.online.FeatureValue;
import dev.parity.server.core.NotAppliedException;
import dev.parity.server.push.PushException;
import dev.parity.server.push.PushResult;
import dev.parity.server.push.PushRows;
import dev.parity.server.push.PushService;
import dev.parity.server.push.PushTarget;
import dev.parity.server.core.RepositoryStores;
import dev.parity.server.core.TrainingSetService;
import dev.parity.server.core.ValidationFailedException;
import dev.parity.server.errors.UnknownObjectException;
import dev.parity.server.testing.SampleRepository;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Push on the sample repository against the test Redis: ordering, checks, validation, offline append. */
class PushServiceTest {
  private static final String AT_1H = T.plus(Duration.ofHours(1)).toString();
  private static final String AT_30M = T.plus(Duration.ofMinutes(30)).toString();

  @TempDir static Path temp;
  static PushFixture fixture;

  @BeforeAll
  static void prepare() {
    fixture = new PushFixture(temp.resolve("drivers")).apply();
  }

  @AfterAll
  static void close() {
    fixture.close();
  }

  @Test
  void pushedRowIsServedOnlineWithItsEventTime() {
    PushResult result = fixture.push(row(1001, AT_1H, 0.5), PushTarget.ONLINE);

    assertThat(result.rows()).isEqualTo(1);
    assertThat(result.views()).singleElement().satisfies(v -> {
      assertThat(v.view()).isEqualTo("driver_hourly_stats");
      assertThat(v.written()).isEqualTo(1);
    });
    assertThat(result.offlineFile()).isEmpty();
    FeatureValue value = fixture.convRate(1001);
    assertThat(value.status()).isEqualTo(FeatureValue.Status.PRESENT);
    assertThat(value.value()).isEqualTo(0.5);
    assertThat(value.eventTimeMicros()).isEqualTo(ChronoUnit.MICROS.between(Instant.EPOCH, Instant.parse(AT_1H)));
  }

  @Test
  void theLatestRowOfEachEntityInABatchWinsAndRowTransformsRunAsOffline() {
    Map<String, List<Object>> columns = stats(1002, List.of(AT_1H, AT_30M), List.of(0.75, 0.125));
    columns.put("avg_daily_trips", PushFixture.list(3L, 99L));

    PushResult result = fixture.push(new PushRows(columns), PushTarget.ONLINE);

    assertThat(result.views().get(0).entities()).isEqualTo(1);
    assertThat(fixture.convRate(1002).value()).isEqualTo(0.75);
    FeatureValue trips = dev.parity.server.core.ServedDefinitions.open(fixture.stores()).get(
        dev.parity.online.serving.OnlineFeaturesRequest.forFeatures(List.of("driver_hourly_stats:trips_log"),
            Map.of("driver_id", List.of(1002L)))).column("trips_log").entry(0);
    assertThat(trips.value()).isEqualTo(StrictMath.log1p(3));
  }

  @Test
  void anOlderPushedRowDoesNotOverwriteANewerOne() {
    fixture.push(row(1003, AT_1H, 0.5), PushTarget.ONLINE);

    PushResult older = fixture.push(row(1003, AT_30M, 0.25), PushTarget.ONLINE);

    assertThat(older.views().get(0).written()).isZero();
    assertThat(older.views().get(0).unchanged()).isEqualTo(1);
    assertThat(fixture.convRate(1003).value()).isEqualTo(0.5);
  }

  @Test
  void anEqualEventTimeReplacesOnlyWithANewerCreatedTime() {
    // Without a created column the push time (NOW) is the created time.
    fixture.push(row(1004, AT_1H, 0.5), PushTarget.ONLINE);

    fixture.push(withCreated(row(1004, AT_1H, 0.25), NOW.minus(Duration.ofMinutes(5))), PushTarget.ONLINE);
    assertThat(fixture.convRate(1004).value()).isEqualTo(0.5);

    PushResult newer = fixture.push(withCreated(row(1004, AT_1H, 0.125), NOW.plus(Duration.ofMinutes(5))),
        PushTarget.ONLINE);
    assertThat(newer.views().get(0).written()).isEqualTo(1);
    assertThat(fixture.convRate(1004).value()).isEqualTo(0.125);
  }

  static Stream<Arguments> badRows() {
    return Stream.of(
        Arguments.of("wrong type", (Consumer<Map<String, List<Object>>>) c -> c.get("conv_rate").set(1, "abc"),
            "row 1, column conv_rate: expected float64, got \"abc\""),
        Arguments.of("fraction for an int64", (Consumer<Map<String, List<Object>>>) c -> c.get("avg_daily_trips")
            .set(0, new BigDecimal("2.5")), "row 0, column avg_daily_trips: expected int64, got 2.5"),
        Arguments.of("missing column", (Consumer<Map<String, List<Object>>>) c -> c.remove("conv_rate"),
            "column conv_rate: missing"),
        Arguments.of("unknown column", (Consumer<Map<String, List<Object>>>) c -> c.put("speed", PushFixture.list(1L, 2L)),
            "column speed: not a column of source driver_stats"),
        Arguments.of("not a timestamp", (Consumer<Map<String, List<Object>>>) c -> c.get("event_timestamp")
            .set(1, "2026-31-01T01:00:00"), "row 1, column event_timestamp: expected timestamp"),
        Arguments.of("null join key", (Consumer<Map<String, List<Object>>>) c -> c.get("driver_id").set(1, null),
            "row 1, column driver_id: no value"),
        Arguments.of("event time far in the future", (Consumer<Map<String, List<Object>>>) c -> c.get("event_timestamp")
            .set(1, "+99999-01-01T00:00:00Z"), "row 1, column event_timestamp: +99999-01-01T00:00:00Z is beyond "
            + "2026-01-31T02:05:00Z (now + max_future_skew 5m): an event time from the future would win every "
            + "newer-wins comparison online"),
        Arguments.of("event time just past the skew", (Consumer<Map<String, List<Object>>>) c -> c.get("event_timestamp")
            .set(0, NOW.plusSeconds(301).toString()), "row 0, column event_timestamp: 2026-01-31T02:05:01Z is beyond"),
        Arguments.of("created time in the future", (Consumer<Map<String, List<Object>>>) c -> c.put("created",
            PushFixture.list(NOW, NOW.plus(Duration.ofDays(1)))), "row 1, column created: 2026-02-01T02:00:00Z is "
            + "beyond 2026-01-31T02:05:00Z (now + max_future_skew 5m): a created time from the future"),
        Arguments.of("time past the int64 range", (Consumer<Map<String, List<Object>>>) c -> c.get("event_timestamp")
            .set(0, "+999999-01-01T00:00:00Z"), "row 0, column event_timestamp: \"+999999-01-01T00:00:00Z\" is "
            + "outside the range of timestamps"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badRows")
  void badRowsAreRejectedNamingRowAndColumnAndNothingIsWritten(String name, Consumer<Map<String, List<Object>>> spoil,
      String message) {
    List<String> filesBefore = fixture.sourceFiles();
    Map<String, List<Object>> columns = stats(1010, List.of(AT_30M, AT_1H), List.of(0.25, 0.5));
    spoil.accept(columns);

    assertThatThrownBy(() -> fixture.push(new PushRows(columns), PushTarget.ONLINE_AND_OFFLINE))
        .isInstanceOf(PushException.class).hasMessageContaining(message).hasMessageContaining("nothing was written");

    assertThat(fixture.convRate(1010).status()).isEqualTo(FeatureValue.Status.NOT_FOUND);
    assertThat(fixture.sourceFiles()).isEqualTo(filesBefore);
  }

  @Test
  void timesWithinTheSkewAreAcceptedAndTheSkewComesFromParityYaml() {
    // NOW + 5m is the limit itself: allowed.
    Map<String, List<Object>> columns = stats(1012, List.of(NOW.plus(Duration.ofMinutes(5)).toString()), List.of(0.5));
    assertThat(fixture.push(new PushRows(columns), PushTarget.ONLINE).views().get(0).written()).isEqualTo(1);

    PushFixture wide = new PushFixture(temp.resolve("wide-skew"));
    try {
      SampleRepository.edit(wide.root, "parity.yaml", "max_future_skew: 5m", "max_future_skew: 2d");
      wide.apply();
      Map<String, List<Object>> tomorrow = stats(1013, List.of(NOW.plus(Duration.ofDays(1)).toString()), List.of(0.5));
      assertThat(wide.push(new PushRows(tomorrow), PushTarget.ONLINE).views().get(0).written()).isEqualTo(1);
      Map<String, List<Object>> later = stats(1013, List.of(NOW.plus(Duration.ofDays(3)).toString()), List.of(0.5));
      assertThatThrownBy(() -> wide.push(new PushRows(later), PushTarget.ONLINE)).isInstanceOf(PushException.class)
          .hasMessageContaining("is beyond 2026-02-02T02:00:00Z (now + max_future_skew 2d)");
    } finally {
      wide.close();
    }
  }

  @Test
  void rowsFailingTheViewsValidationRulesWriteNothing() {
    List<String> filesBefore = fixture.sourceFiles();
    Map<String, List<Object>> columns = stats(1011, List.of(AT_1H), List.of(1.5));

    assertThatThrownBy(() -> fixture.push(new PushRows(columns), PushTarget.ONLINE_AND_OFFLINE))
        .isInstanceOf(ValidationFailedException.class)
        .satisfies(e -> assertThat(((ValidationFailedException) e).renderReports()).contains("conv_rate"));

    assertThat(fixture.convRate(1011).status()).isEqualTo(FeatureValue.Status.NOT_FOUND);
    assertThat(fixture.sourceFiles()).isEqualTo(filesBefore);
  }

  @Test
  void anUnknownSourceIsAnUnknownObjectNamingIt() {
    RepositoryStores stores = fixture.stores();
    assertThatThrownBy(() -> new PushService(stores).push(stores.repository(), "driver_stat", row(1001, AT_1H, 0.5),
        PushTarget.ONLINE)).isInstanceOf(UnknownObjectException.class).hasMessageContaining("'driver_stat'")
        .hasMessageContaining("driver_stats");
  }

  @Test
  void aggregationViewsOfTheSourceAreReportedNotUpdated() {
    Map<String, List<Object>> trip = new LinkedHashMap<>();
    trip.put("trip_id", PushFixture.list(9_000_001L));
    trip.put("driver_id", PushFixture.list(1001L));
    trip.put("customer_id", PushFixture.list(501L));
    trip.put("event_timestamp", PushFixture.list(AT_1H));
    trip.put("distance_km", PushFixture.list(3.5));
    trip.put("fare", PushFixture.list(12.0));
    RepositoryStores stores = fixture.stores();

    PushResult result = new PushService(stores).push(stores.repository(), "trips", new PushRows(trip), PushTarget.ONLINE);

    assertThat(result.views()).isEmpty();
    assertThat(result.notUpdated()).singleElement().satisfies(n -> {
      assertThat(n.view()).isEqualTo("driver_activity");
      assertThat(n.reason()).contains("aggregation");
    });
  }

  @Test
  void anOfflinePushIsSeenByALaterTrainingSetAndReadByDuckDb() throws Exception {
    PushResult result = fixture.push(row(1020, AT_1H, 0.875), PushTarget.OFFLINE);

    Path file = result.offlineFile().orElseThrow();
    assertThat(file.getParent()).isEqualTo(fixture.root.resolve("data/driver_stats"));
    assertThat(file.getFileName().toString()).matches("push-20260131T020000\\.000000Z-[0-9a-f-]{36}\\.parquet");
    assertThat(result.views()).isEmpty();
    assertThat(fixture.convRate(1020).status()).isEqualTo(FeatureValue.Status.NOT_FOUND);
    try (Connection duckdb = DriverManager.getConnection("jdbc:duckdb:");
        ResultSet rows = duckdb.createStatement().executeQuery("SELECT driver_id, conv_rate, event_timestamp, created, "
            + "vehicle_type FROM read_parquet('" + file + "')")) {
      assertThat(rows.next()).isTrue();
      assertThat(rows.getLong(1)).isEqualTo(1020);
      assertThat(rows.getDouble(2)).isEqualTo(0.875);
      assertThat(rows.getObject(3, java.time.OffsetDateTime.class).toInstant()).isEqualTo(Instant.parse(AT_1H));
      assertThat(rows.getObject(4, java.time.OffsetDateTime.class).toInstant()).isEqualTo(NOW);
      assertThat(rows.getString(5)).isEqualTo("suv");
      assertThat(rows.next()).isFalse();
    }

    Path entities = fixture.root.resolve("push-entities.csv");
    Files.writeString(entities, "driver_id,event_timestamp,val_to_add\n1020," + T.plus(Duration.ofMinutes(90)) + ",1\n"
        + "1020," + AT_30M + ",1\n");
    Path output = temp.resolve("push-training.parquet");
    new TrainingSetService(fixture.stores()).build(fixture.load(), TrainingSetSpec.of(
        FeatureSelector.features(List.of("driver_hourly_stats:conv_rate")), entities, output), Progress.NONE);
    assertThat(trainingConvRates(output)).as("after the pushed event time, then before it")
        .first().isEqualTo(0.875);
    assertThat(trainingConvRates(output).get(1)).isNotEqualTo(0.875);
  }

  @Test
  void anOnlineAndOfflinePushWritesBoth() {
    PushResult result = fixture.push(row(1021, AT_1H, 0.375), PushTarget.ONLINE_AND_OFFLINE);

    assertThat(result.offlineFile()).hasValueSatisfying(f -> assertThat(f).exists());
    assertThat(fixture.convRate(1021).value()).isEqualTo(0.375);
  }

  @Test
  void aCsvSourceCannotTakeAnOfflinePush() {
    RepositoryStores stores = fixture.stores();
    Map<String, List<Object>> profile = new LinkedHashMap<>();
    profile.put("customer_id", PushFixture.list(501L));
    profile.put("event_timestamp", PushFixture.list(AT_1H));
    profile.put("current_balance", PushFixture.list(10.0));
    profile.put("lifetime_trip_count", PushFixture.list(4L));
    profile.put("segment", PushFixture.list("gold"));

    assertThatThrownBy(() -> new PushService(stores).push(stores.repository(), "customer_profile",
        new PushRows(profile), PushTarget.ONLINE_AND_OFFLINE)).isInstanceOf(PushException.class)
        .hasMessageContaining("csv source");
    // Online only, the same rows are fine.
    assertThat(new PushService(stores).push(stores.repository(), "customer_profile", new PushRows(profile),
        PushTarget.ONLINE).written()).isEqualTo(1);
  }

  @Test
  void aSingleFileSourceRefusesAnOfflinePushAndAnUnappliedRepositoryAnyPush() {
    try (PushFixture own = new PushFixture(temp.resolve("single"))) {
      assertThatThrownBy(() -> own.push(row(1001, AT_1H, 0.5), PushTarget.ONLINE))
          .isInstanceOf(NotAppliedException.class);

      SampleRepository.edit(own.root, SampleRepository.DEFINITIONS, "path: data/driver_stats ",
          "path: data/driver_stats/part-00000.parquet ");
      own.apply().stores();
      List<String> filesBefore = own.sourceFiles();
      assertThatThrownBy(() -> own.push(row(1001, AT_1H, 0.5), PushTarget.OFFLINE))
          .isInstanceOf(PushException.class).hasMessageContaining("single file");
      assertThat(own.sourceFiles()).isEqualTo(filesBefore);
    }
  }

  @Test
  void narrowParquetColumnsAreWidenedAndOtherTypesRejected() throws Exception {
    Path narrow = temp.resolve("narrow.parquet");
    Path wide = temp.resolve("int-conv-rate.parquet");
    String select = "SELECT 1030::INTEGER AS driver_id, TIMESTAMPTZ '" + AT_1H + "' AS event_timestamp, %s AS conv_rate, "
        + "0.5::DOUBLE AS acc_rate, 2::SMALLINT AS avg_daily_trips, 'van' AS vehicle_type";
    try (Connection duckdb = DriverManager.getConnection("jdbc:duckdb:")) {
      duckdb.createStatement().execute("COPY (" + select.formatted("0.5::FLOAT") + ") TO '" + narrow + "' (FORMAT PARQUET)");
      duckdb.createStatement().execute("COPY (" + select.formatted("5::BIGINT") + ") TO '" + wide + "' (FORMAT PARQUET)");
    }
    RepositoryStores stores = fixture.stores();
    PushService pushes = new PushService(stores);
    Map<String, dev.parity.definitions.DataType> types = pushes.columns(stores.repository(), "driver_stats");

    pushes.push(stores.repository(), "driver_stats", dev.parity.server.push.PushFiles.read(narrow, types), PushTarget.ONLINE);

    assertThat(fixture.convRate(1030).value()).isEqualTo(0.5);
    assertThatThrownBy(() -> pushes.push(stores.repository(), "driver_stats",
        dev.parity.server.push.PushFiles.read(wide, types), PushTarget.ONLINE)).isInstanceOf(PushException.class)
        .hasMessageContaining("row 0, column conv_rate: expected float64, got 5 (int64)");
  }

  @Test
  void csvCellsAreParsedByTheirColumnTypeAndEmptyUnquotedCellsAreNull() throws Exception {
    Path csv = temp.resolve("rows.csv");
    Files.writeString(csv, "driver_id,event_timestamp,conv_rate,acc_rate,avg_daily_trips,vehicle_type\n"
        + "1031," + AT_1H + ",1,,3,\"suv\"\n");
    RepositoryStores stores = fixture.stores();
    PushService pushes = new PushService(stores);

    pushes.push(stores.repository(), "driver_stats",
        dev.parity.server.push.PushFiles.read(csv, pushes.columns(stores.repository(), "driver_stats")), PushTarget.ONLINE);

    FeatureValue acc = dev.parity.server.core.ServedDefinitions.open(stores).get(
        dev.parity.online.serving.OnlineFeaturesRequest.forFeatures(List.of("driver_hourly_stats:acc_rate"),
            Map.of("driver_id", List.of(1031L)))).column("acc_rate").entry(0);
    assertThat(acc.status()).isEqualTo(FeatureValue.Status.NULL_VALUE);
    assertThat(fixture.convRate(1031).value()).isEqualTo(1.0);
  }

  private static PushRows withCreated(PushRows rows, Instant created) {
    Map<String, List<Object>> columns = new LinkedHashMap<>(rows.columns());
    columns.put("created", PushFixture.list(created));
    return new PushRows(columns);
  }

  private static List<Double> trainingConvRates(Path file) throws SQLException {
    try (Connection duckdb = DriverManager.getConnection("jdbc:duckdb:");
        ResultSet rows = duckdb.createStatement().executeQuery("SELECT driver_hourly_stats__conv_rate FROM read_parquet('" + file + "')")) {
      List<Double> values = new java.util.ArrayList<>();
      while (rows.next()) {
        values.add((Double) rows.getObject(1));
      }
      return values;
    }
  }
}
