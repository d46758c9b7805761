package dev.parity.offline.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.parity.offline.parquet.write.DuckDb;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reads the generated small data set with DuckDB and counts each deliberate edge case. */
class GeneratedDataTest {
  private static final String TZ = "TIMESTAMP WITH TIME ZONE";

  @TempDir static Path repo;
  private static SampleDataSummary summary;
  private static DuckDb duck;

  @BeforeAll
  static void generate() {
    summary = SampleDataGeneratorTest.generate(SampleDataOptions.small(42), repo);
    duck = DuckDb.open();
    view("stats", "read_parquet(" + glob("driver_stats") + ", filename = true)");
    view("trips", "read_parquet(" + glob("trips") + ")");
    view("entities", "read_parquet(" + DuckDb.literal(data("entities.parquet")) + ")");
    view("profiles", "read_csv(" + DuckDb.literal(data("customer_profile.csv")) + ")");
  }

  @AfterAll
  static void close() throws Exception {
    duck.close();
  }

  @Test
  void parquetFilesHaveDeclaredTypesAndRowCounts() {
    assertThat(duck.describe("read_parquet(" + glob("driver_stats") + ")"))
        .containsExactly(
            entry("driver_id", "BIGINT"), entry("event_timestamp", TZ), entry("created", TZ),
            entry("conv_rate", "DOUBLE"), entry("acc_rate", "DOUBLE"),
            entry("avg_daily_trips", "BIGINT"), entry("vehicle_type", "VARCHAR"));
    assertThat(duck.describe("trips"))
        .containsExactly(
            entry("trip_id", "BIGINT"), entry("driver_id", "BIGINT"),
            entry("customer_id", "BIGINT"), entry("event_timestamp", TZ),
            entry("distance_km", "DOUBLE"), entry("fare", "DOUBLE"));
    assertThat(duck.describe("entities"))
        .containsExactly(
            entry("driver_id", "BIGINT"), entry("customer_id", "BIGINT"),
            entry("event_timestamp", TZ), entry("val_to_add", "BIGINT"),
            entry("label", "BOOLEAN"));
    assertThat(count("SELECT count(*) FROM stats")).isEqualTo(4_000).isEqualTo(summary.statsRows());
    assertThat(count("SELECT count(DISTINCT filename) FROM stats")).isEqualTo(4);
    assertThat(count("SELECT count(*) FROM trips")).isEqualTo(5_000).isEqualTo(summary.tripRows());
    assertThat(count("SELECT count(DISTINCT trip_id) FROM trips")).isEqualTo(5_000);
    assertThat(count("SELECT count(*) FROM entities")).isEqualTo(2_000);
  }

  @Test
  void csvReadsWithItsDeclaredTypes() {
    assertThat(duck.describe("profiles"))
        .containsExactly(
            entry("customer_id", "BIGINT"), entry("current_balance", "DOUBLE"),
            entry("lifetime_trip_count", "BIGINT"), entry("segment", "VARCHAR"),
            entry("event_timestamp", TZ), entry("created", TZ));
    assertThat(count("SELECT count(*) FROM profiles")).isEqualTo(summary.customerProfileRows());
    assertThat(count("SELECT count(*) FROM profiles WHERE current_balance IS NULL"))
        .isEqualTo(summary.nullBalances()).isPositive();
    assertThat(count("SELECT count(*) FROM profiles WHERE segment IS NULL"))
        .isEqualTo(summary.nullSegments()).isPositive();
    assertThat(count("SELECT count(*) FROM profiles WHERE segment = 'platinum, invite-only'"))
        .isPositive();
  }

  @Test
  void statsHaveTiesResolvedByCreatedTime() {
    long ties =
        count("SELECT count(*) FROM (SELECT driver_id, event_timestamp FROM stats GROUP BY ALL"
            + " HAVING count(DISTINCT created) > 1)");
    assertThat(ties).isEqualTo(summary.statsTieRows()).isEqualTo(19);
    // Some corrections sit in an earlier file than the row they correct: created must win.
    long correctionInEarlierFile =
        count("SELECT count(*) FROM stats a JOIN stats b USING (driver_id, event_timestamp)"
            + " WHERE b.created > a.created AND b.filename < a.filename");
    assertThat(correctionInEarlierFile).isPositive();
  }

  @Test
  void statsHaveExactDuplicatesOnlyAcrossFiles() {
    String groups =
        "SELECT count(*) AS n, count(DISTINCT filename) AS files,"
            + " count(DISTINCT (conv_rate, acc_rate, avg_daily_trips)) AS variants"
            + " FROM stats GROUP BY driver_id, event_timestamp, created HAVING count(*) > 1";
    assertThat(duck.rows("SELECT DISTINCT n, files FROM (" + groups + ")"))
        .containsExactly(List.of(2L, 2L));
    assertThat(count("SELECT count(*) FROM (" + groups + ")"))
        .isEqualTo(summary.statsCrossFileDuplicates()).isEqualTo(19);
    assertThat(count("SELECT count(*) FROM (" + groups + ") WHERE variants = 2")).isPositive();
  }

  @Test
  void statsHaveLateRowsAndNulls() {
    assertThat(count("SELECT count(*) FROM stats WHERE created - event_timestamp > INTERVAL 1 DAY"))
        .isEqualTo(summary.statsLateRows()).isEqualTo(19);
    assertThat(count("SELECT count(*) FROM stats WHERE conv_rate IS NULL"))
        .isEqualTo(summary.nullConvRate()).isPositive();
    assertThat(count("SELECT count(*) FROM stats WHERE acc_rate IS NULL"))
        .isEqualTo(summary.nullAccRate()).isPositive();
    assertThat(count("SELECT count(*) FROM stats WHERE avg_daily_trips IS NULL"))
        .isEqualTo(summary.nullAvgDailyTrips()).isPositive();
    assertThat(count("SELECT count(*) FROM trips WHERE fare IS NULL"))
        .isEqualTo(summary.nullFares()).isPositive();
  }

  @Test
  void statsPassTheExampleValidationBlock() {
    assertThat(count("SELECT count(*) FROM stats WHERE conv_rate < 0 OR conv_rate > 1")).isZero();
    assertThat(count("SELECT count(*) FROM stats WHERE vehicle_type IS NULL"
        + " OR vehicle_type NOT IN ('sedan', 'suv', 'van')")).isZero();
    assertThat(summary.nullConvRate()).isLessThan(summary.statsRows() / 10);
    assertThat(count("SELECT count(*) FROM stats WHERE event_timestamp < TIMESTAMPTZ"
        + " '2026-01-01 00:00:00+00' OR event_timestamp >= TIMESTAMPTZ '2026-01-31 00:00:00+00'"))
        .isZero();
  }

  @Test
  void entityRowsCoverEveryPointInTimeCase() {
    String asOf =
        "SELECT e.*, s.event_timestamp AS stats_ts,"
            + " e.driver_id IN (SELECT driver_id FROM stats) AS has_data"
            + " FROM entities e ASOF LEFT JOIN (SELECT DISTINCT driver_id, event_timestamp FROM stats) s"
            + " ON e.driver_id = s.driver_id AND e.event_timestamp >= s.event_timestamp";
    assertThat(count("SELECT count(*) FROM (" + asOf + ") WHERE NOT has_data"))
        .isEqualTo(summary.entityRowsWithoutData()).isPositive();
    assertThat(count("SELECT count(*) FROM (" + asOf + ") WHERE has_data AND stats_ts IS NULL"))
        .isEqualTo(summary.entityRowsBeforeData()).isPositive();
    assertThat(count("SELECT count(*) FROM (" + asOf + ")"
        + " WHERE stats_ts < event_timestamp - INTERVAL 2 DAY"))
        .isEqualTo(summary.entityRowsOutsideTtl()).isPositive();
    assertThat(count("SELECT count(*) FROM (" + asOf + ")"
        + " WHERE stats_ts = event_timestamp - INTERVAL 2 DAY"))
        .isEqualTo(summary.entityRowsAtTtlBoundary()).isPositive();
    assertThat(count("SELECT count(*) FROM (" + asOf + ")"
        + " WHERE stats_ts > event_timestamp - INTERVAL 2 DAY"))
        .isEqualTo(summary.entityRowsWithinTtl()).isPositive();
    assertThat(count("SELECT count(*) FROM entities WHERE event_timestamp < TIMESTAMPTZ"
        + " '2026-01-01 00:00:00+00'")).isPositive();
  }

  @Test
  void entityRowsIncludeDuplicatesAndTripWindowBoundaries() {
    assertThat(count("SELECT count(*) - (SELECT count(*) FROM (SELECT DISTINCT * FROM entities))"
        + " FROM entities"))
        .isEqualTo(summary.entityDuplicateRows()).isPositive();
    assertThat(count("SELECT count(*) FROM entities e WHERE EXISTS (SELECT 1 FROM trips t"
        + " WHERE t.driver_id = e.driver_id AND t.event_timestamp = e.event_timestamp)"))
        .isEqualTo(summary.entityRowsWithTripAtTime()).isPositive();
    assertThat(count("SELECT count(*) FROM entities e WHERE EXISTS (SELECT 1 FROM trips t"
        + " WHERE t.driver_id = e.driver_id"
        + " AND t.event_timestamp = e.event_timestamp - INTERVAL 1 DAY)"))
        .isEqualTo(summary.entityRowsWithTripAtDayBefore()).isPositive();
  }

  @Test
  void labelsFollowPointInTimeConversionRate() {
    String joined =
        "SELECT e.label, s.conv_rate FROM entities e ASOF JOIN stats s"
            + " ON e.driver_id = s.driver_id AND e.event_timestamp >= s.event_timestamp"
            + " WHERE s.event_timestamp >= e.event_timestamp - INTERVAL 2 DAY";
    double high = rate("SELECT avg(label::INT) FROM (" + joined + ") WHERE conv_rate > 0.7");
    double low = rate("SELECT avg(label::INT) FROM (" + joined + ") WHERE conv_rate < 0.3");
    assertThat(high - low).isGreaterThan(0.4);
    assertThat(count("SELECT count(*) FROM entities WHERE label")).isEqualTo(summary.trueLabels());
  }

  private static long count(String sql) {
    return duck.number(sql);
  }

  private static double rate(String sql) {
    return ((Number) duck.rows(sql).get(0).get(0)).doubleValue();
  }

  private static void view(String name, String relation) {
    duck.execute("CREATE VIEW " + name + " AS SELECT * FROM " + relation);
  }

  private static Path data(String relative) {
    return repo.resolve("data").resolve(relative);
  }

  private static String glob(String dir) {
    return DuckDb.literal(data(dir).resolve("*.parquet"));
  }
}
