package dev.parity.server.core;

import static dev.parity.server.core.JobsFixture.BEFORE_DATA;
import static dev.parity.server.core.JobsFixture.T;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parity.definitions.FeatureRepository;
import dev.parity.definitions.RepositoryConfig;
import dev.parity.definitions.selection.FeatureSelector;
import dev.parity.offline.Progress;
import dev.parity.offline.features.TrainingSetSpec;
import dev.parity.online.FeatureValue;
import dev.parity.online.serving.FeatureVector;
import dev.parity.online.serving.OnlineFeaturesRequest;
import dev.parity.online.serving.OnlineFeaturesResponse;
import dev.parity.registry.DefinitionKind;
import dev.parity.registry.metadata.MaterializationRun;
import dev.parity.registry.metadata.MetadataStore;
import dev.parity.registry.metadata.Recorded;
import dev.parity.registry.metadata.RunKind;
import dev.parity.registry.metadata.RunQuery;
import dev.parity.registry.metadata.RunStatus;
import dev.parity.registry.metadata.RunSummary;
import dev.parity.registry.metadata.TrainingSet;
import dev.parity.registry.metadata.ValidationResult;
import dev.parity.registry.testing.TestPostgres;
import dev.parity.server.testing.ParquetRows;
import dev.parity.server.testing.SampleRepository;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Materialization, training sets and lookups on the sample repository, against the test Redis and
 * the repository's H2 registry (one case on PostgreSQL).
 */
class MaterializationServiceTest {
  private static final String SERVICE = "driver_ranking_v1";
  /** Drivers with data (the last 5% of the 200 sample drivers have none). */
  private static final List<Long> SAMPLE = LongStream.iterate(1001, d -> d <= 1190, d -> d + 3).boxed().toList();
  /** Drivers of the sample without any row (in no source, so in no window). */
  private static final List<Long> WITHOUT_DATA = List.of(1191L, 1196L, 1200L);

  @TempDir Path temp;

  @Test
  void onlineValuesEqualTrainingSetValuesAtTheMaterializationTime() throws SQLException {
    try (JobsFixture fixture = new JobsFixture(temp.resolve("drivers")).apply()) {
      FeatureRepository repository = fixture.load();
      RepositoryStores stores = fixture.stores();

      // Drivers without rows are compared too: every feature must agree for them as well, counts
      // included (0 on both paths, not 0 offline and missing online).
      List<Long> drivers = new ArrayList<>(SAMPLE);
      drivers.addAll(WITHOUT_DATA);
      MaterializationResult result = new MaterializationService(stores).materialize(repository, BEFORE_DATA, T,
          Optional.empty(), Progress.NONE);
      TrainingSetSummary trainingSet = new TrainingSetService(stores).build(repository,
          TrainingSetSpec.of(FeatureSelector.service(SERVICE), fixture.entityTable(drivers, T), temp.resolve("ts.parquet")),
          Progress.NONE);

      assertThat(result.views()).extracting(ViewMaterialization::view)
          .containsExactly("driver_hourly_stats", "driver_activity", "customer_profile");
      assertThat(result.written()).isPositive();
      Map<Long, Map<String, Object>> offline = readParquet(trainingSet.built().output());
      OnlineFeaturesResponse online = ServedDefinitions.open(stores).get(
          new OnlineFeaturesRequest(Optional.of(SERVICE), List.of(), Map.of("driver_id", new ArrayList<>(drivers)),
              Map.of("val_to_add", drivers.stream().map(d -> (Object) (d % 7)).toList()), true));
      List<String> features = online.featureNames().stream().filter(n -> n.contains("__")).toList();
      assertThat(features).hasSize(8).containsAll(offline.get(SAMPLE.get(0)).keySet().stream()
          .filter(n -> n.contains("__")).toList());
      for (String feature : features) {
        FeatureVector column = online.column(feature);
        int present = 0;
        for (int row = 0; row < drivers.size(); row++) {
          FeatureValue value = column.entry(row);
          Object expected = offline.get(drivers.get(row)).get(feature);
          assertThat(value.value()).as("%s of driver %s (online status %s)", feature, drivers.get(row), value.status())
              .isEqualTo(expected);
          present += value.status() == FeatureValue.Status.PRESENT ? 1 : 0;
        }
        // The comparison means something only if most entities have values.
        assertThat(present).as("present values of " + feature).isGreaterThan(SAMPLE.size() / 3);
      }
      for (String count : List.of("driver_activity__trips_7d", "driver_activity__distinct_customers_7d")) {
        for (int row = SAMPLE.size(); row < drivers.size(); row++) {
          long driver = drivers.get(row);
          assertThat(offline.get(driver).get(count)).as("training set %s of driver %s without rows", count, driver)
              .isEqualTo(0L);
          assertThat(online.column(count).entry(row))
              .as("online %s of driver %s without rows", count, driver)
              .isEqualTo(new FeatureValue(0L, FeatureValue.Status.PRESENT, FeatureValue.NO_EVENT_TIME));
        }
      }
    }
  }

  @Test
  void recordsRunsValidationsAndTheTrainingSet() {
    try (JobsFixture fixture = new JobsFixture(temp.resolve("drivers")).apply()) {
      FeatureRepository repository = fixture.load();
      RepositoryStores stores = fixture.stores();
      MaterializationResult result = new MaterializationService(stores).materialize(repository, BEFORE_DATA, T,
          Optional.of(List.of("driver_hourly_stats")), Progress.NONE);
      TrainingSetSummary built = new TrainingSetService(stores).build(repository,
          TrainingSetSpec.of(FeatureSelector.service(SERVICE), fixture.entityTable(SAMPLE, T), temp.resolve("ts.parquet")),
          Progress.NONE);

      MetadataStore metadata = stores.metadata();
      ViewMaterialization view = result.views().get(0);
      MaterializationRun run = metadata.materialization(view.runId().orElseThrow()).orElseThrow();
      assertThat(run.status()).isEqualTo(RunStatus.SUCCEEDED);
      assertThat(run.viewVersions()).containsOnlyKeys("driver_hourly_stats");
      assertThat(run.viewVersions().get("driver_hourly_stats")).isEqualTo(view.version());
      assertThat(run.intervalStart()).isEqualTo(BEFORE_DATA);
      assertThat(run.intervalEnd()).isEqualTo(T);
      assertThat(run.counts().rowsRead()).isEqualTo(view.rowsRead()).isGreaterThanOrEqualTo(4_000);
      assertThat(run.counts().rowsWritten()).isEqualTo(view.written()).isPositive();
      assertThat(run.counts().entities()).isEqualTo(view.entities()).isBetween(view.written(), 200L);
      // driver_hourly_stats has validation rules: validated for the materialization and the training set.
      List<Recorded<ValidationResult>> validations = metadata.validations(fixture.project, 10, 0);
      assertThat(validations).hasSize(2).allSatisfy(v -> {
        assertThat(v.value().target()).isEqualTo("feature_view:driver_hourly_stats");
        assertThat(v.value().passed()).isTrue();
      });
      TrainingSet recorded = metadata.trainingSet(built.id()).orElseThrow().value();
      assertThat(recorded.service()).hasValueSatisfying(s -> assertThat(s.name()).isEqualTo(SERVICE));
      assertThat(recorded.views()).extracting(v -> v.kind() + ":" + v.name()).containsExactlyInAnyOrder(
          DefinitionKind.FEATURE_VIEW + ":driver_hourly_stats", DefinitionKind.FEATURE_VIEW + ":driver_activity",
          DefinitionKind.ON_DEMAND_FEATURE_VIEW + ":driver_adjusted");
      assertThat(recorded.registryRevision()).isEqualTo(built.registryRevision()).isEqualTo(1);
      assertThat(recorded.rowCount()).isEqualTo(SAMPLE.size());
      assertThat(recorded.outputPath()).isEqualTo(temp.resolve("ts.parquet").toAbsolutePath().toString());
      assertThat(recorded.entityTableFingerprint()).isEqualTo(built.built().entityFingerprint());
      assertThat(recorded.statistics()).hasSize(8);
      assertThat(recorded.statistics().get(0).get("feature").asText()).isEqualTo("driver_hourly_stats:conv_rate");
    }
  }

  @Test
  void rerunningAnIntervalWritesNothingAndIncrementalStartsAtTheLastEnd() throws SQLException {
    try (JobsFixture fixture = new JobsFixture(temp.resolve("drivers")).apply()) {
      FeatureRepository repository = fixture.load();
      MaterializationService service = new MaterializationService(fixture.stores());
      MaterializationResult first = service.materialize(repository, BEFORE_DATA, T, Optional.empty(), Progress.NONE);

      MaterializationResult again = service.materialize(repository, BEFORE_DATA, T, Optional.empty(), Progress.NONE);
      MaterializationResult upToDate = service.materializeIncremental(repository, T, Optional.empty(), Progress.NONE);
      MaterializationResult later = service.materializeIncremental(repository, T.plus(Duration.ofDays(1)),
          Optional.of(List.of("driver_activity")), Progress.NONE);

      assertThat(again.written()).isZero();
      for (int i = 0; i < first.views().size(); i++) {
        assertThat(again.views().get(i).unchanged()).isEqualTo(first.views().get(i).written());
      }
      assertThat(upToDate.views()).allMatch(ViewMaterialization::upToDate);
      assertThat(upToDate.render()).contains("driver_activity: already materialized up to " + T);
      ViewMaterialization activity = later.views().get(0);
      assertThat(activity.start()).contains(T);
      // No trip after T in the sample data, but trips leave the 7-day windows: the entities with a
      // trip in [T - 7d, T + 1d] are computed again (the longest window of driver_activity is 7d).
      assertThat(activity.entities()).isEqualTo(distinctDrivers(fixture.root.resolve("data/trips"),
          T.minus(Duration.ofDays(7)), T.plus(Duration.ofDays(1))));
      assertThat(fixture.stores().metadata().lastSuccessfulMaterializationEnds(fixture.project))
          .containsEntry("driver_activity", T.plus(Duration.ofDays(1))).containsEntry("driver_hourly_stats", T);
    }
  }

  @Test
  void firstIncrementalRunStartsFromTheBeginning() {
    try (JobsFixture fixture = new JobsFixture(temp.resolve("drivers")).apply()) {
      FeatureRepository repository = fixture.load();
      MaterializationService service = new MaterializationService(fixture.stores());

      MaterializationResult incremental = service.materializeIncremental(repository, T,
          Optional.of(List.of("driver_hourly_stats")), Progress.NONE);
      MaterializationResult full = service.materialize(repository, BEFORE_DATA, T,
          Optional.of(List.of("driver_hourly_stats")), Progress.NONE);

      assertThat(incremental.views().get(0).start()).isEmpty();
      assertThat(incremental.written()).isPositive();
      assertThat(full.written()).isZero();
      assertThat(full.views().get(0).unchanged()).isEqualTo(incremental.written());
    }
  }

  @Test
  void refusesToMaterializeOrBuildBeforeTheRepositoryIsApplied() {
    try (JobsFixture fixture = new JobsFixture(temp.resolve("drivers"))) {
      RepositoryStores stores = fixture.stores();
      assertThatThrownBy(() -> new MaterializationService(stores).materialize(fixture.load(), BEFORE_DATA, T,
          Optional.empty(), Progress.NONE))
          .isInstanceOf(NotAppliedException.class)
          .hasMessageContaining("nothing applied yet").hasMessageEndingWith("run 'parity apply' first");

      fixture.apply();
      SampleRepository.edit(fixture.root, SampleRepository.DEFINITIONS, "ttl: 2d", "ttl: 3d");
      RepositoryStores changed = fixture.stores();
      assertThatThrownBy(() -> new MaterializationService(changed).materialize(fixture.load(), BEFORE_DATA, T,
          Optional.empty(), Progress.NONE))
          .isInstanceOf(NotAppliedException.class)
          .hasMessageContaining("revision 1").hasMessageContaining("4 changes (changed feature_view driver_hourly_stats");
      assertThatThrownBy(() -> new TrainingSetService(changed).build(fixture.load(), TrainingSetSpec.of(
          FeatureSelector.service(SERVICE), fixture.entityTable(SAMPLE, T), temp.resolve("ts.parquet")), Progress.NONE))
          .isInstanceOf(NotAppliedException.class);
      assertThat(temp.resolve("ts.parquet")).doesNotExist();
      assertThat(changed.metadata().runs(RunQuery.of(fixture.project))).isEmpty();
    }
  }

  @Test
  void failedValidationAbortsWithTheReportAndWritesNothing() {
    try (JobsFixture fixture = new JobsFixture(temp.resolve("drivers"))) {
      // Sample conversion rates go up to 1: a maximum of 0.5 fails.
      SampleRepository.edit(fixture.root, SampleRepository.DEFINITIONS, "min: 0.0, max: 1.0", "min: 0.0, max: 0.5");
      fixture.apply();
      FeatureRepository repository = fixture.load();
      RepositoryStores stores = fixture.stores();

      assertThatThrownBy(() -> new MaterializationService(stores).materialize(repository, BEFORE_DATA, T,
          Optional.empty(), Progress.NONE))
          .isInstanceOfSatisfying(ValidationFailedException.class, e -> {
            assertThat(e.getMessage()).isEqualTo(
                "data validation failed for feature view driver_hourly_stats; nothing was written");
            assertThat(e.renderReports()).startsWith("Validation of view driver_hourly_stats (source driver_stats): FAILED")
                .contains("conv_rate");
          });
      assertThatThrownBy(() -> new TrainingSetService(stores).build(repository, TrainingSetSpec.of(
          FeatureSelector.service(SERVICE), fixture.entityTable(SAMPLE, T), temp.resolve("ts.parquet")), Progress.NONE))
          .isInstanceOf(ValidationFailedException.class);

      OnlineFeaturesResponse online = ServedDefinitions.open(stores).get(OnlineFeaturesRequest.forFeatures(
          // Not a count: a count with nothing stored is served as 0 (as offline), with no event time.
          List.of("driver_hourly_stats:conv_rate", "driver_activity:fare_avg_7d", "customer_profile:segment"),
          Map.of("driver_id", List.of(1001L, 1002L), "customer_id", List.of(5001L, 5002L))));
      assertThat(online.results().subList(2, online.results().size()))
          .allSatisfy(c -> assertThat(c.statuses()).containsOnly(FeatureValue.Status.NOT_FOUND));
      assertThat(temp.resolve("ts.parquet")).doesNotExist();
      MetadataStore metadata = stores.metadata();
      assertThat(metadata.validations(fixture.project, 10, 0)).hasSize(2)
          .allSatisfy(v -> assertThat(v.value().passed()).isFalse());
      List<RunSummary> runs = metadata.runs(RunQuery.of(fixture.project).withKind(RunKind.MATERIALIZATION));
      assertThat(runs).hasSize(3).allSatisfy(r -> {
        assertThat(r.status()).isEqualTo(RunStatus.FAILED);
        assertThat(r.error()).hasValueSatisfying(m -> assertThat(m).startsWith("data validation failed"));
      });
      assertThat(metadata.lastSuccessfulMaterializationEnds(fixture.project)).isEmpty();
    }
  }

  @Test
  void recordsRunsInAPostgresqlRegistry() {
    Map<String, String> postgres = Map.of(RepositoryConfig.REGISTRY_URL_ENV, TestPostgres.newDatabase());
    try (JobsFixture fixture = new JobsFixture(temp.resolve("drivers"), postgres).apply()) {
      FeatureRepository repository = fixture.load();
      MaterializationService service = new MaterializationService(fixture.stores());

      MaterializationResult first = service.materializeIncremental(repository, T, Optional.empty(), Progress.NONE);
      MaterializationResult second = service.materializeIncremental(repository, T, Optional.empty(), Progress.NONE);

      assertThat(fixture.stores().database().url()).startsWith("jdbc:postgresql:");
      assertThat(first.written()).isPositive();
      assertThat(second.views()).hasSize(3).allMatch(ViewMaterialization::upToDate);
      assertThat(fixture.stores().metadata().lastSuccessfulMaterializationEnds(fixture.project))
          .containsOnlyKeys("driver_hourly_stats", "driver_activity", "customer_profile");
    }
  }

  @Test
  void aggregatesFollowTheirWindowsWhenMaterializedAgainLater() throws SQLException {
    // After the sample data ends at T, trips only leave the windows. A later materialization,
    // incremental or full, must replace every aggregate that changed, also of drivers without a
    // new trip (whose latest trip, and so event time, is the same as at the earlier run).
    List<String> features = List.of("driver_activity:trips_7d", "driver_activity:fare_sum_1d",
        "driver_activity:fare_avg_7d", "driver_activity:distinct_customers_7d", "driver_activity:max_fare_1d");
    List<Long> drivers = new ArrayList<>(SAMPLE);
    drivers.addAll(WITHOUT_DATA);
    try (JobsFixture fixture = new JobsFixture(temp.resolve("drivers")).apply()) {
      FeatureRepository repository = fixture.load();
      RepositoryStores stores = fixture.stores();
      MaterializationService service = new MaterializationService(stores);
      service.materialize(repository, BEFORE_DATA, T, Optional.empty(), Progress.NONE);
      Instant incremental = T.plus(Duration.ofHours(60));
      Instant full = T.plus(Duration.ofDays(5));

      service.materializeIncremental(repository, incremental, Optional.of(List.of("driver_activity")), Progress.NONE);
      int changed = assertOnlineEqualsOffline(fixture, stores, repository, features, drivers, incremental);
      service.materialize(repository, BEFORE_DATA, full, Optional.of(List.of("driver_activity")), Progress.NONE);
      changed += assertOnlineEqualsOffline(fixture, stores, repository, features, drivers, full);

      // Meaningful only if the aggregates did change between the runs for many drivers.
      assertThat(changed).isGreaterThan(SAMPLE.size());
    }
  }

  /**
   * Asserts that lookups at {@code time} (clock fixed there) equal the training set at {@code
   * time} for every driver and feature; returns how many values differ from those at T.
   */
  private int assertOnlineEqualsOffline(JobsFixture fixture, RepositoryStores stores, FeatureRepository repository,
      List<String> features, List<Long> drivers, Instant time) throws SQLException {
    Map<Long, Map<String, Object>> offline = trainingSet(fixture, stores, repository, features, drivers, time);
    Map<Long, Map<String, Object>> atT = trainingSet(fixture, stores, repository, features, drivers, T);
    int changed = 0;
    try (RepositoryStores atTime = new StoreFactory(Clock.fixed(time, ZoneOffset.UTC), JobsFixture.GRACE)
        .open(repository)) {
      OnlineFeaturesResponse online = ServedDefinitions.open(atTime).get(new OnlineFeaturesRequest(Optional.empty(),
          features, Map.of("driver_id", new ArrayList<>(drivers)), Map.of(), true));
      for (String feature : features) {
        String column = feature.replace(":", "__");
        for (int row = 0; row < drivers.size(); row++) {
          Object expected = offline.get(drivers.get(row)).get(column);
          FeatureValue value = online.column(column).entry(row);
          assertThat(value.value()).as("%s of driver %s at %s (online status %s)", column, drivers.get(row), time,
              value.status()).isEqualTo(expected);
          changed += Objects.equals(expected, atT.get(drivers.get(row)).get(column)) ? 0 : 1;
        }
      }
    }
    return changed;
  }

  private Map<Long, Map<String, Object>> trainingSet(JobsFixture fixture, RepositoryStores stores,
      FeatureRepository repository, List<String> features, List<Long> drivers, Instant time) throws SQLException {
    Path out = temp.resolve("ts-" + time.getEpochSecond() + "-" + System.nanoTime() + ".parquet");
    new TrainingSetService(stores).build(repository,
        TrainingSetSpec.of(FeatureSelector.features(features), fixture.entityTable(drivers, time), out), Progress.NONE);
    return readParquet(out);
  }

  private static long distinctDrivers(Path trips, Instant from, Instant to) throws SQLException {
    try (Connection duckdb = DriverManager.getConnection("jdbc:duckdb:");
        ResultSet result = duckdb.createStatement().executeQuery("SELECT count(DISTINCT driver_id) FROM read_parquet('"
            + trips + "/**/*.parquet') WHERE event_timestamp BETWEEN '" + from + "'::TIMESTAMPTZ AND '" + to
            + "'::TIMESTAMPTZ")) {
      result.next();
      return result.getLong(1);
    }
  }

  /** The training set's rows by driver id: column name to value. */
  private static Map<Long, Map<String, Object>> readParquet(Path file) throws SQLException {
    Map<Long, Map<String, Object>> rows = new HashMap<>();
    for (Map<String, Object> row : ParquetRows.read(file)) {
      rows.put(((Number) row.get("driver_id")).longValue(), row);
    }
    return rows;
  }
}
