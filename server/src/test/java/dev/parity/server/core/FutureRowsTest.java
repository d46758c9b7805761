package dev.parity.server.core;

import static dev.parity.server.core.JobsFixture.BEFORE_DATA;
import static dev.parity.server.core.JobsFixture.T;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parity.definitions.DataType;
import dev.parity.definitions.FeatureRepository;
import dev.parity.offline.Progress;
import dev.parity.offline.SkippedRows;
import dev.parity.definitions.selection.FeatureSelector;
import dev.parity.offline.features.TrainingSetSpec;
import dev.parity.offline.parquet.write.Column;
import dev.parity.offline.parquet.write.ParquetFiles;
import dev.parity.offline.parquet.write.ParquetWriteOptions;
import dev.parity.offline.parquet.write.RowWriter;
import dev.parity.online.FeatureValue;
import dev.parity.online.serving.OnlineFeaturesRequest;
import dev.parity.server.api.JobTrainingSetJson;
import dev.parity.server.api.MaterializationJson;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Source rows with a time beyond {@code now + max_future_skew} (the clock is at T, the end of the
 * sample data, so the limit is T + 5m) are skipped and counted by materialization and ignored and
 * counted by training sets, so that neither path serves them and a poisoned value never reaches
 * the online store, where newer-wins would keep it against every later row.
 */
class FutureRowsTest {
  private static final String VIEW = "driver_hourly_stats";
  private static final String LIMIT = "2026-01-31T00:05:00Z (now + max_future_skew 5m)";
  /** Driver 1001 has a row at T created in the year 99999; 1004 a row a day after T. */
  private static final long CREATED_LATE = 1001;
  private static final long EVENT_LATE = 1004;

  @TempDir Path temp;
  private JobsFixture fixture;
  private FeatureRepository repository;
  private RepositoryStores stores;

  @BeforeEach
  void applyWithPoisonedRows() {
    fixture = new JobsFixture(temp.resolve("drivers")).apply();
    // Rows of the source that arrived with bad times, and one without a key.
    writeRows("zz-bad-times.parquet", new Object[][] {
        {CREATED_LATE, T, Instant.parse("+99999-01-01T00:00:00Z"), 0.99},
        {EVENT_LATE, T.plus(Duration.ofDays(1)), null, 0.98},
        {null, T.minus(Duration.ofHours(1)), T.minus(Duration.ofHours(1)), 0.5}});
    repository = fixture.load();
    stores = fixture.stores();
  }

  @AfterEach
  void close() {
    fixture.close();
  }

  @Test
  void materializationSkipsAndCountsTheRowsAndALaterRunStillUpdatesTheirEntities() {
    MaterializationService service = new MaterializationService(stores);
    // An end a day past T reaches the row of the future event time as well.
    MaterializationResult first = service.materialize(repository, BEFORE_DATA, T.plus(Duration.ofDays(1)),
        Optional.of(List.of(VIEW)), Progress.NONE);

    ViewMaterialization view = first.views().get(0);
    assertThat(view.skipped()).isEqualTo(new SkippedRows(2, 1));
    assertThat(first.render()).contains("; source rows skipped: 2 with an event or created time beyond " + LIMIT
        + ", 1 with a null join key\n");
    JsonNode json = new ObjectMapper().valueToTree(MaterializationJson.of(first)).get("views").get(0);
    assertThat(json.get("future_limit").asText()).isEqualTo("2026-01-31T00:05:00Z");
    assertThat(json.get("skipped_future_rows").asLong()).isEqualTo(2);
    assertThat(json.get("skipped_null_key_rows").asLong()).isEqualTo(1);
    assertThat(convRate(CREATED_LATE).value()).isNotEqualTo(0.99);
    assertThat(convRate(EVENT_LATE).value()).isNotEqualTo(0.98);

    // Corrections at T: newer-wins takes them, as nothing from the future holds the entities.
    writeRows("zz-corrections.parquet", new Object[][] {
        {CREATED_LATE, T, T.plus(Duration.ofMinutes(1)), 0.42},
        {EVENT_LATE, T, T.plus(Duration.ofMinutes(1)), 0.43}});
    MaterializationResult second = service.materialize(repository, BEFORE_DATA, T, Optional.of(List.of(VIEW)),
        Progress.NONE);

    assertThat(second.views().get(0).skipped()).as("the row of the future event time is after T").isEqualTo(new SkippedRows(1, 1));
    assertThat(convRate(CREATED_LATE)).isEqualTo(new FeatureValue(0.42, FeatureValue.Status.PRESENT, micros(T)));
    assertThat(convRate(EVENT_LATE)).isEqualTo(new FeatureValue(0.43, FeatureValue.Status.PRESENT, micros(T)));
  }

  @Test
  void aTrainingSetIgnoresTheRowsReportsThemAndAgreesWithTheOnlineValues() throws SQLException {
    new MaterializationService(stores).materialize(repository, BEFORE_DATA, T, Optional.of(List.of(VIEW)),
        Progress.NONE);

    TrainingSetSummary summary = new TrainingSetService(stores).build(repository, TrainingSetSpec.of(
        FeatureSelector.features(List.of(VIEW + ":conv_rate")), fixture.entityTable(List.of(CREATED_LATE, EVENT_LATE), T),
        temp.resolve("ts.parquet")), Progress.NONE);

    // The row of the future event time is after every entity row's T: left out by the
    // point-in-time rule, so not counted; the one created in the future is.
    assertThat(summary.built().skipped()).containsExactly(Map.entry(VIEW, new SkippedRows(1, 1)));
    assertThat(summary.render()).endsWith("Ignored source rows: " + VIEW + " 1 with an event or created time beyond "
        + LIMIT + ", 1 with a null join key.\n");
    JsonNode json = new ObjectMapper().valueToTree(JobTrainingSetJson.of(summary));
    assertThat(json.get("future_limit").asText()).isEqualTo("2026-01-31T00:05:00Z");
    assertThat(json.at("/skipped/" + VIEW + "/future_rows").asLong()).isEqualTo(1);
    assertThat(json.at("/skipped/" + VIEW + "/null_key_rows").asLong()).isEqualTo(1);
    Map<Long, Double> offline = convRates(summary.built().output());
    assertThat(offline.get(CREATED_LATE)).isNotEqualTo(0.99).isEqualTo(convRate(CREATED_LATE).value());
    assertThat(offline.get(EVENT_LATE)).isNotEqualTo(0.98).isEqualTo(convRate(EVENT_LATE).value());
  }

  private void writeRows(String name, Object[][] rows) {
    Path file = fixture.root.resolve("data/driver_stats").resolve(name);
    try (RowWriter out = ParquetFiles.create(file, List.of(Column.optional("driver_id", DataType.INT64),
        Column.optional("event_timestamp", DataType.TIMESTAMP), Column.optional("created", DataType.TIMESTAMP),
        Column.optional("conv_rate", DataType.FLOAT64), Column.optional("acc_rate", DataType.FLOAT64),
        Column.optional("avg_daily_trips", DataType.INT64), Column.optional("vehicle_type", DataType.STRING)),
        ParquetWriteOptions.defaults())) {
      for (Object[] row : rows) {
        if (row[0] == null) {
          out.setNull(0);
        } else {
          out.setLong(0, (Long) row[0]);
        }
        out.setTimestamp(1, (Instant) row[1]);
        if (row[2] == null) {
          out.setNull(2);
        } else {
          out.setTimestamp(2, (Instant) row[2]);
        }
        out.setDouble(3, (Double) row[3]).setDouble(4, 0.5).setLong(5, 3).setString(6, "van").endRow();
      }
      out.commit();
    }
  }

  private FeatureValue convRate(long driver) {
    return ServedDefinitions.open(stores).get(OnlineFeaturesRequest.forFeatures(List.of(VIEW + ":conv_rate"),
        Map.of("driver_id", List.of(driver)))).column("conv_rate").entry(0);
  }

  private static Map<Long, Double> convRates(Path file) throws SQLException {
    Map<Long, Double> values = new HashMap<>();
    try (Connection duck = DriverManager.getConnection("jdbc:duckdb:");
        ResultSet rows = duck.createStatement().executeQuery("SELECT driver_id, " + VIEW + "__conv_rate FROM read_parquet('"
            + file.toString().replace("'", "''") + "')")) {
      while (rows.next()) {
        values.put(rows.getLong(1), (Double) rows.getObject(2));
      }
    }
    return values;
  }

  private static long micros(Instant time) {
    return time.getEpochSecond() * 1_000_000L + time.getNano() / 1_000;
  }
}
