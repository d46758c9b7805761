package dev.parity.offline.spark;

import static dev.parity.offline.spark.Fixtures.MINUTE;
import static dev.parity.offline.spark.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.parity.definitions.FeatureRepository;
import dev.parity.definitions.FutureTimeLimit;
import dev.parity.definitions.selection.FeatureSelector;
import dev.parity.definitions.yaml.RepositoryLoader;
import dev.parity.offline.InputSchemaException;
import dev.parity.offline.OfflineEngine;
import dev.parity.offline.OfflineOptions;
import dev.parity.offline.Progress;
import dev.parity.offline.features.BuiltTrainingSet;
import dev.parity.offline.features.FeatureStatistics;
import dev.parity.offline.features.TrainingSetSpec;
import dev.parity.offline.features.TrainingSets;
import dev.parity.offline.parquet.read.ParquetSchemaResolver;
import dev.parity.offline.spark.MaterializationFixture.Embedded;
import dev.parity.offline.spark.MaterializationFixture.Prepared;
import dev.parity.offline.spark.job.ParitySparkJob;
import dev.parity.online.OnlineStore;
import dev.parity.online.RedisConnectionConfig;
import dev.parity.online.testing.TestRedis;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job of parity-spark.jar against {@code TrainingSets} on the embedded engine (what {@code
 * parity training-set} runs), from the same YAML repository, on-demand features and request data
 * included: equal outputs cell by cell, the same errors, and the record {@code
 * TrainingSets.describe} makes of the job's output with the statistics its executors collected
 * (statistics, columns, fingerprint, versions) equals the embedded build's.
 */
class ParitySparkJobTest {
  /** The definitions of {@link Scenario}'s stats and trips data, with row transforms and windows. */
  static final String DEFINITIONS = """
      entities:
        - name: driver
          join_keys: [driver_id]
      sources:
        - { name: stats, format: parquet, path: stats, timestamp: event_ts, created_timestamp: created }
        - { name: trip_log, format: parquet, path: trips, timestamp: ts }
      feature_views:
        - name: driver_stats
          entities: [driver]
          source: stats
          ttl: 1h
          features:
            - { name: conv_rate, type: float64 }
            - { name: trips, type: int64 }
            - { name: vehicle, type: string }
            - { name: tag, type: string, expr: "concat(upper(vehicle), '-', cast(trips as string))" }
        - name: trips
          entities: [driver]
          source: trip_log
          aggregations:
            - { name: n_30m, function: count, window: 30m }
            - { name: fare_sum_1h, function: sum, column: fare, window: 1h }
            - { name: city_last_1h, function: last, column: city, window: 1h }
            - { name: last_pickup_1h, function: last, column: pickup, window: 1h }
      on_demand_features:
        - name: adjusted
          request: { label: float64 }
          features:
            - { name: conv_x, type: float64, expr: "driver_stats.conv_rate * 2.0 + label" }
        - name: described
          request: { note: string, event_timestamp: timestamp }
          features:
            - name: tagged
              type: string
              expr: "concat(coalesce(note, '-'), '/', cast(round(adjusted.conv_x * 1000.0) as string), '/', driver_stats.tag)"
            - { name: pickup_or_t, type: timestamp, expr: "coalesce(trips.last_pickup_1h, event_timestamp)" }
            - { name: busy, type: bool, expr: "trips.n_30m > 1" }
        - name: bonus
          request: { bonus: float64 }
          features:
            - { name: boosted, type: float64, expr: "driver_stats.conv_rate + bonus" }
        - name: zoned
          request: { zone: int64 }
          features:
            - { name: zone_x, type: int64, expr: "zone * 2 + driver_stats.trips" }
      feature_services:
        - name: ranking
          features:
            trips: [fare_sum_1h, n_30m]
            driver_stats: [tag, conv_rate]
        - name: scoring
          features:
            trips: [n_30m]
            described: "*"
            adjusted: [conv_x]
      """;
  static final Instant NOW = Fixtures.instant(T0 + 200 * MINUTE);

  @RegisterExtension static final LocalSpark SPARK = new LocalSpark();
  @TempDir Path dir;

  @BeforeEach
  void writeRepository() throws Exception {
    writeRepository(dir, 13);
  }

  /** Scenario's data and {@link #DEFINITIONS} under {@code dir}. */
  static void writeRepository(Path dir, long seed) throws Exception {
    Scenario.write(dir, seed, 300);
    Files.writeString(dir.resolve("parity.yaml"), "project: t\nmax_future_skew: 5m\n");
    Files.writeString(dir.resolve("defs.yaml"), DEFINITIONS);
  }

  private record Run(int status, String out, String err) {}

  private Run job(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = ParitySparkJob.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), SPARK::session);
    return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private String[] args(Path out, String... selection) {
    List<String> args = new ArrayList<>(List.of("training-set", "-r", dir.toString()));
    args.addAll(List.of(selection));
    args.addAll(List.of("--entities", dir.resolve("entities").toString(), "--out", out.toString(),
        "--now", NOW.toString()));
    return args.toArray(String[]::new);
  }

  private static FeatureRepository load(Path dir) {
    return new RepositoryLoader(new ParquetSchemaResolver(), Map.of()).load(dir);
  }

  private void assertJobEqualsEmbedded(TrainingSetSpec spec, Path sparkOut) {
    FeatureRepository repository = load(dir);
    OfflineOptions options = OfflineOptions.defaults(dir.resolve("tmp"));
    try (BufferAllocator allocator = new RootAllocator()) {
      TrainingSets sets = new TrainingSets(OfflineEngine.embedded(allocator, options), allocator, options,
          Clock.fixed(NOW, ZoneOffset.UTC));
      BuiltTrainingSet embedded = sets.build(repository, new TrainingSetSpec(spec.selector(), spec.entityTable(),
          dir.resolve("embedded.parquet"), spec.asOfCreated(), spec.fullNames()), Progress.NONE);
      List<List<Object>> expected = Fixtures.read(embedded.output());
      List<List<Object>> actual = Fixtures.read(sparkOut);
      assertThat(actual).hasSameSizeAs(expected);
      for (int i = 0; i < expected.size(); i++) {
        assertThat(actual.get(i)).as("row %d", i - 1).isEqualTo(expected.get(i));
      }
      FutureTimeLimit limit = repository.config().futureTimeLimit(Clock.fixed(NOW, ZoneOffset.UTC));
      // The statistics the job's executors collected as they wrote, recorded as the command records them.
      List<FeatureStatistics> collected = statistics(sparkOut);
      BuiltTrainingSet described = sets.describe(repository, spec, sparkOut, embedded.rows(), embedded.skipped(), limit,
          collected);
      assertThat(described.columns()).isEqualTo(embedded.columns());
      assertSameStatistics(described.statistics(), embedded.statistics());
      assertThat(described.entityFingerprint()).isEqualTo(embedded.entityFingerprint());
      assertThat(described.viewVersions()).isEqualTo(embedded.viewVersions());
      assertThat(described.serviceVersion()).isEqualTo(embedded.serviceVersion());
    }
  }

  /** The statistics in an output directory's {@code _parity.json}. */
  static List<FeatureStatistics> statistics(Path output) {
    try {
      ObjectMapper json = new ObjectMapper();
      return json.convertValue(json.readTree(output.resolve("_parity.json").toFile()).get("statistics"),
          new TypeReference<List<FeatureStatistics>>() { });
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /**
   * Equal statistics, but mean and deviation: the executors' parts merge those by Chan et al.'s
   * formulas, equal up to rounding to the embedded build's running values.
   */
  static void assertSameStatistics(List<FeatureStatistics> actual, List<FeatureStatistics> expected) {
    assertThat(actual).hasSameSizeAs(expected);
    for (int i = 0; i < expected.size(); i++) {
      FeatureStatistics want = expected.get(i);
      FeatureStatistics got = actual.get(i);
      assertThat(withoutMoments(got)).as(want.column()).isEqualTo(withoutMoments(want));
      if (want.numeric() != null && want.numeric().mean() != null) {
        double mean = want.numeric().mean();
        assertThat(got.numeric().mean()).as(want.column()).isCloseTo(mean, within(1e-9 * Math.max(1, Math.abs(mean))));
      }
      if (want.numeric() != null && want.numeric().stddev() != null) {
        double stddev = want.numeric().stddev();
        assertThat(got.numeric().stddev()).as(want.column()).isCloseTo(stddev, within(1e-9 * Math.max(1, stddev)));
      }
    }
  }

  private static FeatureStatistics withoutMoments(FeatureStatistics s) {
    FeatureStatistics.Numeric n = s.numeric();
    return n == null ? s : new FeatureStatistics(s.feature(), s.column(), s.type(), s.count(), s.nulls(),
        new FeatureStatistics.Numeric(n.min(), n.max(), null, null, n.nan(), n.positiveInfinity(), n.negativeInfinity(),
            n.sampleSize(), n.quantiles(), n.histogram()), s.booleans(), s.strings());
  }

  @Test
  void aFeatureServiceGivesTheEmbeddedTrainingSetAndItsStatistics() {
    Path out = dir.resolve("spark-out");
    Run run = job(args(out, "--service", "ranking"));
    assertThat(run.status()).as(run.err()).isZero();
    assertThat(run.out()).contains("training set of 330 rows, 9 columns written to " + out);
    assertJobEqualsEmbedded(new TrainingSetSpec(FeatureSelector.service("ranking"), dir.resolve("entities"), out,
        Optional.empty(), true), out);
  }

  @Test
  void plainNamesInSelectionOrderAndAsOfCreatedAsOnTheCommandLine() {
    Path out = dir.resolve("plain");
    Instant asOf = Fixtures.instant(T0 + 150 * MINUTE);
    Run run = job(args(out, "--features", "trips:city_last_1h,driver_stats:conv_rate,trips:n_30m", "--plain-names",
        "--as-of-created", asOf.toString()));
    assertThat(run.status()).as(run.err()).isZero();
    assertThat(Fixtures.read(out).get(0)).endsWith("city_last_1h:string", "conv_rate:float64", "n_30m:int64");
    assertJobEqualsEmbedded(new TrainingSetSpec(FeatureSelector.features(
        List.of("trips:city_last_1h", "driver_stats:conv_rate", "trips:n_30m")), dir.resolve("entities"), out,
        Optional.of(asOf), false), out);
  }

  @Test
  void anUnknownFeatureFailsWithOneLineNamingIt() {
    Run run = job(args(dir.resolve("x"), "--features", "trips:n_31m"));
    assertThat(run.status()).isEqualTo(1);
    assertThat(run.err()).startsWith(ParitySparkJob.ERROR_PREFIX).contains("n_31m");
    assertThat(dir.resolve("x")).doesNotExist();
  }

  @Test
  void aServiceWithOnDemandFeaturesAndRequestDataGivesTheEmbeddedTrainingSet() {
    Path out = dir.resolve("scoring");
    Run run = job(args(out, "--service", "scoring"));
    assertThat(run.status()).as(run.err()).isZero();
    List<List<Object>> rows = Fixtures.read(out);
    assertThat(rows.get(0)).endsWith("trips__n_30m:int64", "described__tagged:string",
        "described__pickup_or_t:timestamp", "described__busy:bool", "adjusted__conv_x:float64");
    // Not vacuous: computed values, from request data and from joined values, and nulls.
    int tagged = rows.get(0).indexOf("described__tagged:string");
    int conv = rows.get(0).indexOf("adjusted__conv_x:float64");
    assertThat(rows.stream().skip(1).map(r -> r.get(tagged)).filter(v -> v != null && v.toString().startsWith("n"))).isNotEmpty();
    assertThat(rows.stream().skip(1).filter(r -> r.get(conv) == null)).isNotEmpty();
    assertThat(rows.stream().skip(1).filter(r -> r.get(conv) != null)).isNotEmpty();
    assertJobEqualsEmbedded(new TrainingSetSpec(FeatureSelector.service("scoring"), dir.resolve("entities"), out,
        Optional.empty(), true), out);
  }

  @Test
  void onDemandFeaturesReadingOtherOnDemandFeaturesUnderPlainNames() {
    Path out = dir.resolve("plain-od");
    List<String> features = List.of("described:pickup_or_t", "driver_stats:conv_rate", "described:tagged");
    Run run = job(args(out, "--features", String.join(",", features), "--plain-names"));
    assertThat(run.status()).as(run.err()).isZero();
    assertThat(Fixtures.read(out).get(0)).endsWith("pickup_or_t:timestamp", "conv_rate:float64", "tagged:string");
    assertJobEqualsEmbedded(new TrainingSetSpec(FeatureSelector.features(features), dir.resolve("entities"), out,
        Optional.empty(), false), out);
  }

  @Test
  void aMissingRequestColumnIsTheEmbeddedEnginesErrorAndNothingIsWritten() {
    assertFailsAsEmbedded("bonus:boosted", "bonus");
  }

  @Test
  void aRequestColumnOfAnotherTypeIsTheEmbeddedEnginesError() {
    assertFailsAsEmbedded("zoned:zone_x", "must be int64 but the entity table has string");
  }

  private void assertFailsAsEmbedded(String feature, String mentioned) {
    Path out = dir.resolve("never");
    Run run = job(args(out, "--features", feature));
    assertThat(run.status()).isEqualTo(1);
    OfflineOptions options = OfflineOptions.defaults(dir.resolve("tmp"));
    InputSchemaException embedded;
    try (BufferAllocator allocator = new RootAllocator()) {
      TrainingSets sets = new TrainingSets(OfflineEngine.embedded(allocator, options), allocator, options,
          Clock.fixed(NOW, ZoneOffset.UTC));
      embedded = catchThrowableOfType(InputSchemaException.class, () -> sets.build(load(dir), TrainingSetSpec.of(
          FeatureSelector.features(List.of(feature)), dir.resolve("entities"), dir.resolve("e.parquet")), Progress.NONE));
    }
    assertThat(embedded.getMessage()).contains(mentioned);
    assertThat(run.err()).contains(ParitySparkJob.ERROR_PREFIX + embedded.getMessage());
    assertThat(out).doesNotExist();
  }

  @Test
  void badArgumentsExitWithStatusTwoAndTheUsage() {
    Run run = job("training-set", "--service", "ranking", "--out", "x");
    assertThat(run.status()).isEqualTo(2);
    assertThat(run.err()).startsWith(ParitySparkJob.ERROR_PREFIX + "--entities is required")
        .contains("usage: training-set");
    assertThat(job("backfill").err()).contains("the first argument must be the command, training-set or materialize");
  }

  @Test
  void materializeWritesWhatTheEmbeddedMaterializationWritesAndReportsEachViewInALine() {
    Path root = dir.resolve("materialize");
    String redis = TestRedis.standaloneUrl();
    String project = MaterializationFixture.project("job");
    MaterializationFixture.write(root, 41);
    Instant start = Fixtures.instant(T0 + 150 * MINUTE);

    // Written under the project parity.yaml names, on the Redis it names.
    MaterializationFixture.writeParityYaml(root, project, redis);

    Run run = job("materialize", "-r", root.toString(), "--end", NOW.toString(), "--views", "zone_stats,trip_activity",
        "--view-start", "trip_activity=" + start, "--now", NOW.toString(), "--expiry-grace",
        MaterializationFixture.GRACE.toString());

    assertThat(run.status()).as(run.err()).isZero();
    assertThat(run.err()).contains("parity-spark: progress partitions ", "parity-spark: progress written ");
    Prepared embedded = MaterializationFixture.loadFresh(root, "job-embedded");
    FutureTimeLimit limit = embedded.repository().config().futureTimeLimit(Clock.fixed(NOW, ZoneOffset.UTC));
    List<String> lines = run.out().lines().toList();
    try (OnlineStore store = MaterializationFixture.store(RedisConnectionConfig.standalone(redis),
        embedded.project())) {
      Map<String, Optional<Instant>> starts = Map.of("zone_stats", Optional.empty(), "trip_activity", Optional.of(start));
      List<String> expected = new ArrayList<>();
      for (String view : List.of("zone_stats", "trip_activity")) {
        Embedded done = MaterializationFixture.embedded(embedded.repository(), view, starts.get(view), NOW,
            Optional.of(limit), store, dir.resolve("tmp"));
        expected.add("parity-spark: materialized " + view + " rows_read=* entities=" + done.entities() + " written="
            + done.written() + " unchanged=" + done.unchanged() + " beyond_future_limit="
            + done.skipped().beyondFutureLimit() + " null_keys=" + done.skipped().nullKeys());
      }
      assertThat(lines.stream().map(line -> line.replaceAll("rows_read=\\d+", "rows_read=*")).toList())
          .isEqualTo(expected);
    }
    Map<String, String> stored = MaterializationFixture.stored(List.of(redis), project);
    assertThat(stored).isNotEmpty().isEqualTo(MaterializationFixture.stored(List.of(redis), embedded.project()));
  }
}
