package dev.parity.server.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parity.client.FeatureRow;
import dev.parity.client.OnlineFeatures;
import dev.parity.client.ParityClient;
import dev.parity.client.PushTarget;
import dev.parity.definitions.RepositoryConfig;
import dev.parity.offline.parquet.read.ParquetSchemaResolver;
import dev.parity.offline.sample.SampleDataGenerator;
import dev.parity.offline.sample.SampleDataOptions;
import dev.parity.online.testing.TestRedis;
import dev.parity.server.InProcessServer;
import dev.parity.server.core.RepositoryService;
import dev.parity.server.core.RepositoryStores;
import dev.parity.server.core.StoreFactory;
import dev.parity.server.testing.InProcessCli;
import dev.parity.server.testing.SampleRepository;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The story {@code parity quickstart} tells, told again through the public interfaces and checked
 * against the data: the CLI's commands (in-process, through {@link ParityCli} as the launcher runs
 * them) validate, apply, build training sets and materialize; {@code parity server} (on free
 * loopback ports, with the repository's {@code loop.yaml} trigger and gates) answers lookups, a
 * push, reports, runs the trigger and its hook ({@code examples/drivers/train.sh}) and promotes;
 * the Java client looks up and pushes. Every expected value is computed here by DuckDB from the
 * generated Parquet files, never by Parity's engine.
 */
class StoryEndToEndTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SERVICE = "driver_ranking_v1";
  private static final String MODEL = "driver_ranking";
  private static final Duration TTL = Duration.ofDays(2);
  private static final Duration MAX_FUTURE_SKEW = Duration.ofMinutes(5);
  /** Rows whose freshness or future-ness is this close to a boundary are not asserted: the exact instant the server judged is unknown. */
  private static final Duration MARGIN = Duration.ofMinutes(10);
  private static final Duration LOOP_DEADLINE = Duration.ofMinutes(3);
  private static final List<Long> DRIVERS = java.util.stream.LongStream.rangeClosed(1001, 1200).boxed().toList();

  @TempDir Path temp;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final AtomicReference<QuickstartServer> server = new AtomicReference<>();
  private Path repo;
  private Map<String, String> environment;
  private URI url;

  @AfterEach
  void stopServer() throws Exception {
    if (server.get() != null) {
      server.get().close();
    }
  }

  @Test
  void servesWhatTheDataSaysFindsThePlantedDriftAndPromotesTheModelTheTriggerTrained() throws Exception {
    Instant end = Instant.now().truncatedTo(ChronoUnit.HOURS);
    repo = repository(end);

    // Definitions validated and applied, data validated, a training set, materialization: the CLI.
    assertThat(cli("validate", "-r", repo.toString())).contains("OK: 2 entities, 3 sources, 3 feature views");
    assertThat(cli("apply", "-r", repo.toString())).contains("Applied revision 1 of project");
    Instant trainFrom = Instant.now();
    assertThat(cli("training-set", "-r", repo.toString(), "--service", SERVICE, "--entities",
        repo.resolve("data/entities.parquet").toString(), "--out", repo.resolve("training/before.parquet").toString()))
        .contains("Training set 1: 2000 rows");
    assertTrainingSet(repo.resolve("training/before.parquet"), trainFrom, Instant.now());
    Instant materializeFrom = Instant.now();
    assertThat(cli("materialize", "-r", repo.toString(), "--start", end.minus(Duration.ofDays(30)).toString(),
        "--end", end.toString())).contains("Materialized 3 views");
    Instant materializeTo = Instant.now();

    // Served over HTTP and read by the Java client: the values the data says.
    url = startServer();
    // Each online view's materialization is on record, and succeeded.
    Map<String, String> materializations = new LinkedHashMap<>();
    get("/runs?kind=materialization", 200).forEach(r -> materializations.put(r.path("subject").asText(),
        r.path("status").asText() + (r.path("finished_at").isNull() ? ", unfinished" : "")));
    assertThat(materializations).containsOnly(Map.entry("driver_hourly_stats", "succeeded"),
        Map.entry("driver_activity", "succeeded"), Map.entry("customer_profile", "succeeded"));
    JsonNode answer = post("/get-online-features", "{\"feature_service\": \"" + SERVICE + "\", \"entities\": {\"driver_id\": "
        + DRIVERS + "}, \"request_data\": {\"val_to_add\": " + DRIVERS.stream().map(d -> 1).toList()
        + "}, \"full_feature_names\": true}", 200);
    Instant lookedUp = Instant.now();
    Map<String, Integer> columns = new HashMap<>();
    for (int i = 0; i < answer.path("metadata").path("feature_names").size(); i++) {
      columns.put(answer.path("metadata").path("feature_names").get(i).asText(), i);
    }
    assertServedStats(answer, columns, latestStats(end, materializeFrom, materializeTo), lookedUp);
    assertServedActivity(answer, columns, activity(end));
    try (ParityClient client = ParityClient.builder().baseUrl(url).deadline(Duration.ofSeconds(30)).build()) {
      OnlineFeatures viaClient = client.features(SERVICE).entities("driver_id", DRIVERS)
          .requestData("val_to_add", DRIVERS.stream().map(d -> 1L).toList()).fullFeatureNames().get();
      for (int row = 0; row < DRIVERS.size(); row++) {
        FeatureRow read = viaClient.row(row);
        for (var column : columns.entrySet()) {
          if (column.getKey().equals("driver_id")) {
            continue;
          }
          JsonNode result = answer.path("results").get(column.getValue());
          assertThat(read.status(column.getKey()).name()).isEqualTo(result.path("statuses").get(row).asText());
          assertThat(String.valueOf(read.value(column.getKey())))
              .isEqualTo(result.path("values").get(row).isNull() ? "null" : result.path("values").get(row).asText());
        }
      }

      // Served and offline values agree: nothing differs but for a cause the report names.
      JsonNode consistency = report(post("/reports/consistency", "{\"service\": \"" + SERVICE + "\", \"sample\": 50}", 202));
      // The served windows end where the data ends, the recomputed ones now: that lag is the only cause.
      assertThat(consistency.path("report").path("rows").asLong()).isEqualTo(50);
      assertThat(consistency.path("report").path("features")).hasSize(8);
      consistency.path("report").path("features").forEach(feature -> {
        long explained = 0;
        for (JsonNode cause : feature.path("causes")) {
          assertThat(cause.path("cause").asText()).as(feature.toString()).isIn("MATERIALIZATION_LAG", "TTL_EXPIRED");
          explained += cause.path("count").asLong();
        }
        assertThat(explained).as(feature.toString()).isEqualTo(feature.path("mismatch").asLong());
      });

      // The trigger fires on files that differ from those of its first look: the push comes after it.
      awaitTriggerSeen();

      // The second batch: every driver_stats row again, avg_daily_trips x7, pushed offline by the client.
      Map<String, List<Object>> batch = driftedBatch();
      int rows = batch.get("driver_id").size();
      for (int from = 0; from < rows; from += 1000) {
        var push = client.push("driver_stats").to(PushTarget.OFFLINE).deadline(Duration.ofMinutes(1));
        int first = from;
        int to = Math.min(rows, from + 1000);
        batch.forEach((name, values) -> push.column(name, values.subList(first, to)));
        assertThat(push.send().rows()).isEqualTo(to - from);
      }
    }

    // The skew report finds the planted drift, and nothing else.
    assertThat(cli("training-set", "-r", repo.toString(), "--service", SERVICE, "--entities",
        repo.resolve("data/entities.parquet").toString(), "--out", repo.resolve("training/after.parquet").toString()))
        .contains("2000 rows");
    JsonNode skew = report(post("/reports/skew", "{\"service\": \"" + SERVICE + "\", \"reference\": \"training/before.parquet\", "
        + "\"current\": \"training/after.parquet\"}", 202));
    assertThat(skew.path("verdict").asText()).isEqualTo("FAIL");
    Map<String, String> verdicts = new LinkedHashMap<>();
    skew.path("report").path("features").forEach(f -> verdicts.put(f.path("feature").asText(), f.path("verdict").asText()));
    assertThat(verdicts).hasSize(8).containsEntry("driver_hourly_stats:trips_log", "FAIL");
    assertThat(verdicts.entrySet().stream().filter(e -> e.getValue().equals("FAIL")).map(Map.Entry::getKey))
        .containsExactly("driver_hourly_stats:trips_log");

    // The trigger fires on the pushed files; its hook registers the model it "trained".
    JsonNode run = awaitTriggerRun();
    assertThat(run.path("status").asText()).as(run.toString()).isEqualTo("succeeded");
    assertThat(run.path("trigger").asText()).isEqualTo("retrain_on_new_stats");
    assertThat(run.path("reason").asText()).startsWith("new or changed files under source 'driver_stats': data/driver_stats/push-");
    List<String> steps = new ArrayList<>();
    run.path("steps").forEach(s -> steps.add(s.path("name").asText() + "=" + s.path("status").asText()));
    assertThat(steps).containsExactly("validation=succeeded", "training_set=succeeded", "hook=succeeded");
    assertThat(run.path("hook").path("exit_code").asInt()).isZero();
    String version = "run-" + run.path("id").asLong();
    assertThat(run.path("models")).hasSize(1);
    assertThat(run.path("models").get(0).path("name").asText()).isEqualTo(MODEL);
    assertThat(run.path("models").get(0).path("version").asText()).isEqualTo(version);

    // The registered metrics are what the run's training set says, and they pass loop.yaml's gates.
    JsonNode lineage = get("/models/" + MODEL + "/versions/" + version + "/lineage", 200);
    assertThat(lineage.path("trigger_run").path("id").asLong()).isEqualTo(run.path("id").asLong());
    assertThat(lineage.path("trigger_run").path("trigger").asText()).isEqualTo("retrain_on_new_stats");
    assertThat(lineage.path("training_set").path("id").asLong()).isEqualTo(run.path("training_set_id").asLong());
    long trainingSet = run.path("training_set_id").asLong();
    JsonNode compared = get("/models/" + MODEL + "/compare?versions=" + version, 200).get(0);
    assertThat(compared.path("training_set").path("id").asLong()).isEqualTo(trainingSet);
    Path trainingFile = repo.resolve(compared.path("training_set").path("output_path").asText());
    double[] counted = new double[2];
    query("SELECT count(*), count(\"driver_hourly_stats__conv_rate\") FROM read_parquet('%s')".formatted(
        trainingFile.toString().endsWith(".parquet") ? trainingFile : trainingFile + "/*.parquet"), result -> {
          counted[0] = result.getLong(1);
          counted[1] = result.getLong(2);
        });
    assertThat(counted[0]).isEqualTo(2000);
    assertThat(compared.path("metrics").path("training_rows").asDouble()).isEqualTo(counted[0]);
    assertThat(compared.path("metrics").path("conv_rate_coverage").asDouble())
        .isCloseTo(counted[1] / counted[0], within(0.00005));

    // The promotion: the first champion, every gate passed and recorded.
    JsonNode decision = post("/models/" + MODEL + "/aliases/champion", "{\"version\": \"" + version + "\"}", 200);
    assertThat(decision.path("accepted").asBoolean()).as(decision.toString()).isTrue();
    assertThat(decision.path("action").asText()).isEqualTo("promote");
    assertThat(decision.path("version").asText()).isEqualTo(version);
    List<String> gates = new ArrayList<>();
    decision.path("gates").forEach(g -> gates.add(g.path("gate").asText() + "=" + g.path("passed").asBoolean()));
    assertThat(gates).containsExactly("training_rows >= 1000.0=true", "conv_rate_coverage >= 0.8=true",
        "conv_rate_coverage >= champion - 0.05=true");
    JsonNode model = get("/models/" + MODEL, 200);
    assertThat(model.path("aliases").path("champion").asText()).isEqualTo(version);
    assertThat(model.path("decisions")).hasSize(1);
  }

  /**
   * The training set against DuckDB's point-in-time join of the sample files, row by row: the latest
   * driver_stats row at or before T within the ttl (ties by created time, then source order), rows
   * created beyond the run's now + max_future_skew ignored, trips counted over (T - 7d, T], the
   * on-demand sum. Rows with a candidate created about that limit are left out (ambiguous).
   */
  private void assertTrainingSet(Path trainingSet, Instant from, Instant to) throws SQLException {
    long limit = micros(from.plus(MAX_FUTURE_SKEW).minus(MARGIN));
    long ambiguousTo = micros(to.plus(MAX_FUTURE_SKEW).plus(MARGIN));
    long day = 86_400_000_000L;
    int[] checked = new int[3];
    query("""
        WITH e AS (SELECT file_row_number AS rn, driver_id, epoch_us(event_timestamp) AS t, val_to_add
                   FROM read_parquet('%1$s', file_row_number = true)),
             s AS (SELECT driver_id, epoch_us(event_timestamp) AS ev, epoch_us(created) AS cr, conv_rate,
                          avg_daily_trips, filename AS f, file_row_number AS fr
                   FROM read_parquet('%2$s', filename = true, file_row_number = true)),
             c AS (SELECT e.rn, s.* FROM e JOIN s ON s.driver_id = e.driver_id AND s.ev <= e.t AND s.ev >= e.t - %4$d),
             near AS (SELECT DISTINCT rn FROM c WHERE cr > %5$d AND cr <= %6$d),
             best AS (SELECT rn, conv_rate, avg_daily_trips,
                             row_number() OVER (PARTITION BY rn ORDER BY ev DESC, cr DESC, f DESC, fr DESC) AS k
                      FROM c WHERE cr <= %5$d),
             trips AS (SELECT e.rn, count(*) AS n FROM e JOIN read_parquet('%3$s') x ON x.driver_id = e.driver_id
                         AND epoch_us(x.event_timestamp) > e.t - %7$d AND epoch_us(x.event_timestamp) <= e.t
                       GROUP BY e.rn),
             ts AS (SELECT file_row_number AS rn, * FROM read_parquet('%8$s', file_row_number = true))
        SELECT e.rn, e.rn IN (SELECT rn FROM near), b.rn IS NOT NULL, b.conv_rate, b.avg_daily_trips, e.val_to_add,
               coalesce(trips.n, 0), ts.driver_id = e.driver_id, ts.driver_hourly_stats__conv_rate,
               ts.driver_hourly_stats__trips_log, ts.driver_adjusted__conv_plus_val, ts.driver_activity__trips_7d
        FROM e LEFT JOIN best b ON b.rn = e.rn AND b.k = 1 LEFT JOIN trips ON trips.rn = e.rn
             LEFT JOIN ts ON ts.rn = e.rn
        ORDER BY e.rn
        """.formatted(repo.resolve("data/entities.parquet"), repo.resolve("data/driver_stats/part-*.parquet"),
        repo.resolve("data/trips/*.parquet"), micros(Instant.EPOCH.plus(TTL)), limit, ambiguousTo, 7 * day, trainingSet),
        result -> {
          long row = result.getLong(1);
          assertThat(result.getBoolean(8)).as("row %d is the entity row's, in input order", row).isTrue();
          assertThat(result.getLong(12)).as("trips_7d of row %d", row).isEqualTo(result.getLong(7));
          checked[0]++;
          if (result.getBoolean(2)) {
            return;
          }
          Double convRate = (Double) result.getObject(4);
          Long trips = result.getObject(5) == null ? null : result.getLong(5);
          assertThat((Double) result.getObject(9)).as("conv_rate of row %d", row).isEqualTo(convRate);
          assertThat((Double) result.getObject(10)).as("trips_log of row %d", row)
              .isEqualTo(trips == null ? null : StrictMath.log1p(trips));
          assertThat((Double) result.getObject(11)).as("conv_plus_val of row %d", row)
              .isEqualTo(convRate == null ? null : convRate + result.getLong(6));
          checked[1]++;
          checked[2] += result.getBoolean(3) ? 1 : 0;
        });
    assertThat(checked[0]).as("rows").isEqualTo(2000);
    assertThat(checked[1]).as("rows whose stats were checked").isGreaterThan(1500);
    assertThat(checked[2]).as("rows with stats found").isGreaterThan(1000);
  }

  private void assertServedStats(JsonNode answer, Map<String, Integer> columns, Map<Long, Stats> latest, Instant lookedUp) {
    int fresh = 0;
    for (int row = 0; row < DRIVERS.size(); row++) {
      Stats expected = latest.get(DRIVERS.get(row));
      JsonNode convRate = cell(answer, columns, "driver_hourly_stats__conv_rate", row);
      JsonNode tripsLog = cell(answer, columns, "driver_hourly_stats__trips_log", row);
      JsonNode plusVal = cell(answer, columns, "driver_adjusted__conv_plus_val", row);
      if (expected == null) {
        assertThat(convRate.path("status").asText()).as("driver %d has no stats", DRIVERS.get(row)).isEqualTo("NOT_FOUND");
        continue;
      }
      if (expected.ambiguous() || Duration.between(expected.event(), lookedUp).minus(TTL).abs().compareTo(MARGIN) < 0) {
        continue;
      }
      if (expected.event().isBefore(lookedUp.minus(TTL))) {
        assertThat(convRate.path("status").asText()).as("driver %d's stats are older than the ttl", DRIVERS.get(row))
            .isIn("OUTSIDE_MAX_AGE", "NOT_FOUND");
        continue;
      }
      fresh++;
      if (expected.convRate() == null) {
        assertThat(convRate.path("status").asText()).isEqualTo("NULL_VALUE");
      } else {
        assertThat(convRate.path("status").asText()).isEqualTo("PRESENT");
        assertThat(convRate.path("value").asDouble()).as("conv_rate of %d", DRIVERS.get(row)).isEqualTo(expected.convRate());
        assertThat(plusVal.path("value").asDouble()).isEqualTo(expected.convRate() + 1);
      }
      if (expected.avgDailyTrips() == null) {
        assertThat(tripsLog.path("status").asText()).isEqualTo("NULL_VALUE");
      } else {
        assertThat(tripsLog.path("value").asDouble()).as("trips_log of %d", DRIVERS.get(row))
            .isEqualTo(StrictMath.log1p(expected.avgDailyTrips()));
      }
    }
    assertThat(fresh).as("drivers whose served stats were checked").isGreaterThan(50);
  }

  private void assertServedActivity(JsonNode answer, Map<String, Integer> columns, Map<Long, Activity> activity) {
    int checked = 0;
    for (int row = 0; row < DRIVERS.size(); row++) {
      Activity expected = activity.get(DRIVERS.get(row));
      JsonNode trips = cell(answer, columns, "driver_activity__trips_7d", row);
      if (expected == null) {
        // Counts over nothing are 0, as a training set computes them; the other aggregations are not found.
        assertThat(trips.path("status").asText()).as("driver %d has no trips", DRIVERS.get(row)).isEqualTo("PRESENT");
        assertThat(trips.path("value").asLong()).isZero();
        assertThat(cell(answer, columns, "driver_activity__distinct_customers_7d", row).path("value").asLong()).isZero();
        assertThat(cell(answer, columns, "driver_activity__fare_avg_7d", row).path("status").asText()).isEqualTo("NOT_FOUND");
        continue;
      }
      checked++;
      assertThat(trips.path("value").asLong()).as("trips_7d of %d", DRIVERS.get(row)).isEqualTo(expected.trips7d());
      assertThat(cell(answer, columns, "driver_activity__distinct_customers_7d", row).path("value").asLong())
          .isEqualTo(expected.customers7d());
      assertNumber(cell(answer, columns, "driver_activity__fare_sum_1d", row), expected.fareSum1d());
      assertNumber(cell(answer, columns, "driver_activity__fare_avg_7d", row), expected.fareAvg7d());
      assertNumber(cell(answer, columns, "driver_activity__max_fare_1d", row), expected.maxFare1d());
    }
    assertThat(checked).isEqualTo(190);
  }

  private static void assertNumber(JsonNode cell, Double expected) {
    if (expected == null) {
      assertThat(cell.path("status").asText()).as(cell.toString()).isEqualTo("NULL_VALUE");
    } else {
      assertThat(cell.path("status").asText()).isEqualTo("PRESENT");
      // Sums and averages may add in another order than DuckDB: equal up to rounding.
      assertThat(cell.path("value").asDouble()).isCloseTo(expected, within(Math.abs(expected) * 1e-12));
    }
  }

  private static JsonNode cell(JsonNode answer, Map<String, Integer> columns, String feature, int row) {
    JsonNode result = answer.path("results").get(columns.get(feature));
    return JSON.createObjectNode().put("status", result.path("statuses").get(row).asText())
        .set("value", result.path("values").get(row));
  }

  /** The latest driver_stats row of each driver at the materialization's end, as DuckDB reads the files. */
  private Map<Long, Stats> latestStats(Instant end, Instant materializeFrom, Instant materializeTo) throws SQLException {
    long futureFrom = micros(materializeFrom.plus(MAX_FUTURE_SKEW).minus(MARGIN));
    long futureTo = micros(materializeTo.plus(MAX_FUTURE_SKEW).plus(MARGIN));
    Map<Long, Stats> latest = new HashMap<>();
    // Rows created beyond the materialization's now + max_future_skew are skipped by it; drivers with
    // a row created about then are left out (ambiguous), as are ties that only file order decides.
    query("""
        WITH s AS (SELECT driver_id, epoch_us(event_timestamp) AS ev, epoch_us(created) AS cr, conv_rate, avg_daily_trips
                   FROM read_parquet('%s') WHERE epoch_us(event_timestamp) <= %d),
             near AS (SELECT DISTINCT driver_id FROM s WHERE cr BETWEEN %d AND %d),
             ranked AS (SELECT *, row_number() OVER (PARTITION BY driver_id ORDER BY ev DESC, cr DESC) AS rn,
                               count(*) OVER (PARTITION BY driver_id, ev, cr) AS ties
                        FROM s WHERE cr <= %d)
        SELECT driver_id, ev, conv_rate, avg_daily_trips, ties > 1 OR driver_id IN (SELECT driver_id FROM near)
        FROM ranked WHERE rn = 1
        """.formatted(repo.resolve("data/driver_stats/part-*.parquet"), micros(end), futureFrom, futureTo, futureFrom),
        result -> latest.put(result.getLong(1), new Stats(Instant.EPOCH.plus(result.getLong(2), ChronoUnit.MICROS),
            (Double) result.getObject(3), result.getObject(4) == null ? null : result.getLong(4), result.getBoolean(5))));
    return latest;
  }

  /** The aggregations of each driver with trips, over windows (T - w, T] at T = the materialization's end. */
  private Map<Long, Activity> activity(Instant end) throws SQLException {
    long t = micros(end);
    long day = 86_400_000_000L;
    Map<Long, Activity> activity = new HashMap<>();
    query("""
        WITH t AS (SELECT driver_id, customer_id, fare, epoch_us(event_timestamp) AS ev FROM read_parquet('%s'))
        SELECT driver_id,
               count(*) FILTER (WHERE ev > %d AND ev <= %d),
               count(DISTINCT customer_id) FILTER (WHERE ev > %d AND ev <= %d),
               sum(fare) FILTER (WHERE ev > %d AND ev <= %d),
               avg(fare * 1.0) FILTER (WHERE ev > %d AND ev <= %d),
               max(fare) FILTER (WHERE ev > %d AND ev <= %d)
        FROM t WHERE ev <= %d GROUP BY driver_id
        """.formatted(repo.resolve("data/trips/*.parquet"), t - 7 * day, t, t - 7 * day, t, t - day, t, t - 7 * day, t,
        t - day, t, t), result -> activity.put(result.getLong(1), new Activity(result.getLong(2), result.getLong(3),
            (Double) result.getObject(4), (Double) result.getObject(5), (Double) result.getObject(6))));
    return activity;
  }

  /** Every driver_stats row as the files hold it, avg_daily_trips x7, without created (the push fills it). */
  private Map<String, List<Object>> driftedBatch() throws SQLException {
    Map<String, List<Object>> batch = new LinkedHashMap<>();
    for (String column : List.of("driver_id", "event_timestamp", "conv_rate", "acc_rate", "avg_daily_trips", "vehicle_type")) {
      batch.put(column, new ArrayList<>());
    }
    query("""
        SELECT driver_id, epoch_us(event_timestamp), conv_rate, acc_rate, avg_daily_trips * 7, vehicle_type
        FROM read_parquet('%s', filename = true, file_row_number = true) ORDER BY filename, file_row_number
        """.formatted(repo.resolve("data/driver_stats/part-*.parquet")), result -> {
          batch.get("driver_id").add(result.getLong(1));
          batch.get("event_timestamp").add(Instant.EPOCH.plus(result.getLong(2), ChronoUnit.MICROS));
          batch.get("conv_rate").add(result.getObject(3));
          batch.get("acc_rate").add(result.getObject(4));
          batch.get("avg_daily_trips").add(result.getObject(5) == null ? null : result.getLong(5));
          batch.get("vehicle_type").add(result.getString(6));
        });
    return batch;
  }

  private record Stats(Instant event, Double convRate, Long avgDailyTrips, boolean ambiguous) {}

  private record Activity(long trips7d, long customers7d, Double fareSum1d, Double fareAvg7d, Double maxFare1d) {}

  private interface Rows {
    void row(ResultSet result) throws SQLException;
  }

  private static void query(String sql, Rows rows) throws SQLException {
    try (Connection db = DriverManager.getConnection("jdbc:duckdb:");
        Statement statement = db.createStatement();
        ResultSet result = statement.executeQuery(sql)) {
      while (result.next()) {
        rows.row(result);
      }
    }
  }

  private static long micros(Instant instant) {
    return ChronoUnit.MICROS.between(Instant.EPOCH, instant);
  }

  /** The sample repository with its loop, in a project of its own, with 30 days of data up to {@code end}. */
  private Path repository(Instant end) throws IOException {
    Path examples = Path.of(System.getProperty("parity.examples.dir"));
    Path dir = Files.createDirectories(temp.resolve("story"));
    for (String name : List.of("parity.yaml", "drivers.yaml", "loop.yaml", "train.sh")) {
      Files.copy(examples.resolve(name), dir.resolve(name));
    }
    Files.setPosixFilePermissions(dir.resolve("train.sh"), PosixFilePermissions.fromString("rwxr-xr-x"));
    SampleRepository.edit(dir, "parity.yaml", "project: default", "project: story_" + ProcessHandle.current().pid());
    new SampleDataGenerator(SampleDataOptions.small(42).withDataEnd(end),
        new PrintStream(OutputStream.nullOutputStream()), false).generate(dir);
    environment = Map.of(RepositoryConfig.REDIS_URL_ENV, TestRedis.standaloneUrl());
    return dir;
  }

  /** A CLI command in-process, as the launcher runs it; its standard output. */
  private String cli(String... args) {
    InProcessCli.Result result = InProcessCli.run(environment, Clock.systemUTC(), args);
    assertThat(result.failure()).as("parity %s: %s", String.join(" ", args), result.err()).isEmpty();
    return result.out();
  }

  /**
   * {@code parity server} as the quickstart starts it: free loopback ports, the trigger scheduler
   * looking every second, its address in {@code .parity/server.url} where the hook finds it.
   */
  private URI startServer() {
    PrintStream err = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    server.set(QuickstartServer.start(new InProcessServer(), repo, environment, Clock.systemUTC(), err));
    return server.get().url();
  }

  private JsonNode post(String path, String body, int status) throws IOException, InterruptedException {
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(url.resolve(path))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as("POST %s: %s", path, response.body()).isEqualTo(status);
    return JSON.readTree(response.body());
  }

  private JsonNode get(String path, int status) throws IOException, InterruptedException {
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(url.resolve(path)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as("GET %s: %s", path, response.body()).isEqualTo(status);
    return JSON.readTree(response.body());
  }

  /** The stored report a report job made, once the job has ended (long-polling the job). */
  private JsonNode report(JsonNode job) throws IOException, InterruptedException {
    Instant deadline = Instant.now().plus(LOOP_DEADLINE);
    JsonNode seen = job;
    while (List.of("queued", "running").contains(seen.path("status").asText()) && Instant.now().isBefore(deadline)) {
      seen = get("/jobs/" + job.path("job_id").asText() + "?wait_seconds=10", 200);
    }
    assertThat(seen.path("status").asText()).as(seen.toString()).isEqualTo("succeeded");
    return get(seen.path("result").path("location").asText(), 200);
  }

  /**
   * Waits until the server's scheduler has looked at the trigger once (the files it saw then are
   * its baseline: only files that differ fire it). HTTP does not show that look, so this reads the
   * trigger's state in the registry the server shares, as the quickstart does.
   */
  private void awaitTriggerSeen() {
    var repository = new RepositoryService(new ParquetSchemaResolver(), environment, Clock.systemUTC()).load(repo);
    try (RepositoryStores stores = new StoreFactory(Clock.systemUTC()).open(repository)) {
      new QuickstartLoop(stores.metadata(), repository.config().project()).awaitWatching(LOOP_DEADLINE);
    }
  }

  /**
   * The first trigger run, once it has ended. It runs on the server's scheduler threads and HTTP
   * offers nothing to block on, so this looks every 200 ms until it has ended or the deadline passed.
   */
  private JsonNode awaitTriggerRun() throws IOException, InterruptedException {
    Instant deadline = Instant.now().plus(LOOP_DEADLINE);
    while (Instant.now().isBefore(deadline)) {
      JsonNode runs = get("/runs?kind=trigger", 200);
      if (runs.size() > 0 && !runs.get(runs.size() - 1).path("status").asText().equals("running")) {
        return runs.get(runs.size() - 1).has("trigger_run") ? runs.get(runs.size() - 1).path("trigger_run")
            : runs.get(runs.size() - 1);
      }
      TimeUnit.MILLISECONDS.sleep(200);
    }
    throw new AssertionError("no trigger run ended within " + LOOP_DEADLINE + ": " + get("/runs", 200));
  }
}
