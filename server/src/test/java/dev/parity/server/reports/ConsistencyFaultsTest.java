package dev.parity.server.reports;

import static dev.parity.server.reports.ConsistencyFixture.DRIVERS;
import static dev.parity.server.reports.ConsistencyFixture.SERVICE;
import static dev.parity.server.reports.ConsistencyFixture.T;
import static dev.parity.server.reports.ConsistencyFixture.causes;
import static dev.parity.server.reports.ConsistencyFixture.feature;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parity.definitions.DataType;
import dev.parity.definitions.FeatureRepository;
import dev.parity.definitions.ObjectKind;
import dev.parity.definitions.selection.FeatureSelector;
import dev.parity.definitions.selection.SelectionResolver;
import dev.parity.definitions.version.RepositoryVersions;
import dev.parity.online.KeyColumn;
import dev.parity.online.servinglog.ServedFeature;
import dev.parity.online.servinglog.ServedSchema;
import dev.parity.online.servinglog.ServingLogEntry;
import dev.parity.server.servinglog.ParquetServingLogSink;
import dev.parity.online.FeatureValue;
import dev.parity.online.OnlineRow;
import dev.parity.online.serving.OnlineFeatureServer;
import dev.parity.online.serving.OnlineFeaturesRequest;
import dev.parity.online.serving.OnlineFeaturesResponse;
import dev.parity.online.serving.OnlineViews;
import dev.parity.reports.consistency.ConsistencyOptions;
import dev.parity.reports.consistency.ConsistencyReport;
import dev.parity.reports.consistency.ConsistencyReport.CauseCount;
import dev.parity.reports.consistency.ConsistencyReport.Example;
import dev.parity.reports.consistency.ConsistencyReport.FeatureConsistency;
import dev.parity.reports.consistency.ConsistencyReport.Verdict;
import dev.parity.reports.consistency.MismatchCause;
import dev.parity.reports.consistency.ValueConsistency;
import dev.parity.server.core.RepositoryStores;
import dev.parity.server.testing.SampleRepository;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Value consistency over the sample repository with a real Redis and H2 registry: planted faults,
 * each detected and attributed to its cause; identical data without a mismatch.
 */
class ConsistencyFaultsTest {
  private static final String CONV_RATE = "driver_hourly_stats:conv_rate";
  private static final String TRIPS_LOG = "driver_hourly_stats:trips_log";
  private static final String TRIPS_7D = "driver_activity:trips_7d";
  private static final String CONV_PLUS_VAL = "driver_adjusted:conv_plus_val";
  private static final long WITH_DATA = DRIVERS - DRIVERS / 20;

  @TempDir Path temp;
  private ConsistencyFixture fixture;

  @BeforeEach
  void apply() {
    fixture = new ConsistencyFixture(temp.resolve("drivers")).apply();
  }

  @AfterEach
  void close() {
    fixture.close();
  }

  private ConsistencyReport sample() {
    FeatureRepository repository = fixture.load();
    return new ConsistencyReportService(fixture.stores(false)).sample(repository, SERVICE, DRIVERS);
  }

  private ConsistencyReport servingLog() {
    FeatureRepository repository = fixture.load();
    return new ConsistencyReportService(fixture.stores(false)).servingLog(repository, SERVICE,
        T.minus(Duration.ofHours(1)), T.plus(Duration.ofHours(1)));
  }

  @Test
  void identicalDataHasNoMismatchAndEveryVerdictPasses() {
    fixture.materialize(T);

    ConsistencyReport report = sample();

    assertThat(report.verdict()).isEqualTo(Verdict.PASS);
    // The sample is drawn from the drivers with data: all but the last 5 %.
    assertThat(report.rows()).isEqualTo(WITH_DATA);
    for (FeatureConsistency feature : report.features()) {
      assertThat(feature.mismatch()).as(feature.feature()).isZero();
      assertThat(feature.causes()).as(feature.feature()).isEmpty();
      assertThat(feature.verdict()).isEqualTo(Verdict.PASS);
    }
    assertThat(feature(report, CONV_RATE).total()).isEqualTo(WITH_DATA);
    assertThat(feature(report, CONV_RATE).bothNull()).as("values older than the ttl").isPositive()
        .isLessThan(WITH_DATA);
    assertThat(feature(report, CONV_RATE).smape()).isEqualTo(0.0);
    // A sample has no request data: the on-demand feature reading it is not compared.
    assertThat(feature(report, CONV_PLUS_VAL).notCompared()).isEqualTo(WITH_DATA);
    assertThat(feature(report, CONV_PLUS_VAL).total()).isZero();
  }

  @Test
  void aStaleMaterializationIsLagWithTheOfflineValueAtItsEnd() {
    Instant stale = T.minus(Duration.ofHours(12));
    fixture.materialize(stale);

    ConsistencyReport report = sample();

    FeatureConsistency conv = feature(report, CONV_RATE);
    assertThat(conv.verdict()).isEqualTo(Verdict.FAIL);
    // Some drivers' values at the stale end have outlived the 2 d ttl since, or had none then.
    assertThat(causes(conv)).containsKey(MismatchCause.MATERIALIZATION_LAG)
        .doesNotContainKeys(MismatchCause.VALUE_DIFFERS, MismatchCause.DEFINITION_VERSION_DIFFERS);
    assertThat(cause(conv, MismatchCause.MATERIALIZATION_LAG).examples()).allSatisfy(example -> {
      assertThat(example.materializedUntil()).isEqualTo(stale.toString());
      assertThat(example.offlineAtMaterialization()).isEqualTo(example.online());
      assertThat(example.offline()).isNotEqualTo(example.online());
    });
    assertThat(cause(conv, MismatchCause.NEVER_MATERIALIZED).examples()).allSatisfy(example -> {
      assertThat(example.onlineStatus()).isEqualTo("NOT_FOUND");
      assertThat(example.offlineAtMaterialization()).isNull();
    });
    assertThat(causes(feature(report, TRIPS_7D))).containsOnlyKeys(MismatchCause.MATERIALIZATION_LAG);
  }

  @Test
  void aValueOlderThanTheTtlIsTtlExpiryAndAViewNeverMaterializedIsNamed() {
    // driver_hourly_stats has a ttl of 2 days: what was materialized 3 days ago is too old now.
    fixture.materialize(T.minus(Duration.ofDays(3)), "driver_hourly_stats");

    ConsistencyReport report = sample();

    CauseCount ttl = cause(feature(report, CONV_RATE), MismatchCause.TTL_EXPIRED);
    assertThat(ttl.count()).isPositive();
    assertThat(ttl.examples()).allSatisfy(e -> {
      assertThat(e.onlineStatus()).isEqualTo(FeatureValue.Status.OUTSIDE_MAX_AGE.name());
      assertThat(e.offline()).isNotNull();
    });
    assertThat(causes(feature(report, CONV_RATE))).doesNotContainKey(MismatchCause.VALUE_DIFFERS);
    // driver_activity was never materialized at all.
    assertThat(causes(feature(report, TRIPS_7D))).containsOnlyKeys(MismatchCause.NEVER_MATERIALIZED);
  }

  @Test
  void anEntityWhoseRowsCameAfterTheLastMaterializationIsNeverMaterialized() {
    fixture.materialize(T.minus(Duration.ofHours(12)));
    fixture.addStatsRow("zz-new-driver.parquet", 7777, T.minus(Duration.ofHours(1)), 0.31);

    ConsistencyReport report = new ConsistencyReportService(fixture.stores(false)).sample(fixture.load(), SERVICE,
        List.of(Map.of("driver_id", 7777L)));

    FeatureConsistency conv = feature(report, CONV_RATE);
    assertThat(conv.onlineOnlyNull()).isEqualTo(1);
    assertThat(causes(conv)).containsExactly(Map.entry(MismatchCause.NEVER_MATERIALIZED, 1L));
    Example example = conv.causes().get(0).examples().get(0);
    assertThat(example.keys()).containsExactly(Map.entry("driver_id", 7777L));
    assertThat(example.offline()).isEqualTo(0.31);
    assertThat(example.onlineStatus()).isEqualTo("NOT_FOUND");
  }

  @Test
  void aTransformChangedAfterMaterializationIsADefinitionVersionDifference() {
    fixture.materialize(T);
    SampleRepository.edit(fixture.root, SampleRepository.DEFINITIONS, "expr: \"log1p(avg_daily_trips)\"",
        "expr: \"log1p(avg_daily_trips) * 2\"");
    fixture.apply();
    fixture.stores(true);

    ConsistencyReport report = sample();

    FeatureConsistency trips = feature(report, TRIPS_LOG);
    assertThat(trips.mismatch()).isPositive();
    assertThat(causes(trips)).containsOnlyKeys(MismatchCause.DEFINITION_VERSION_DIFFERS);
    assertThat(trips.causes().get(0).examples().get(0).onlineStatus()).isEqualTo("VERSION_MISMATCH");
    assertThat(feature(report, TRIPS_7D).mismatch()).as("another view, unchanged").isZero();
  }

  @Test
  void aWrongStoredValueWithTheSameVersionIsAValueDifference() {
    fixture.materialize(T);
    RepositoryStores stores = fixture.stores(false);
    FeatureRepository repository = fixture.load();
    long driver = 1001;
    List<String> features = List.of("conv_rate", "acc_rate", "avg_daily_trips", "vehicle_type", "trips_log");
    OnlineFeaturesResponse stored = OnlineFeatureServer.create(repository, stores.online()).get(
        OnlineFeaturesRequest.forFeatures(features.stream().map(f -> "driver_hourly_stats:" + f).toList(),
            Map.of("driver_id", List.of(driver))));
    List<Object> values = new ArrayList<>();
    features.forEach(f -> values.add(stored.column(f).entry(0).value()));
    values.set(0, 42.0);
    long eventTime = stored.column("conv_rate").entry(0).eventTimeMicros();
    // The same event time, created later: newer-wins keeps this value, as a buggy writer would.
    stores.online().write(OnlineViews.of(repository).view("driver_hourly_stats"), List.of(new OnlineRow(List.of(driver),
        eventTime, ChronoUnit.MICROS.between(Instant.EPOCH, T.plus(Duration.ofDays(365))), values)));

    ConsistencyReport report = new ConsistencyReportService(stores).sample(repository, SERVICE,
        List.of(Map.of("driver_id", driver), Map.of("driver_id", 1002L)));

    FeatureConsistency conv = feature(report, CONV_RATE);
    assertThat(conv.valueMismatch()).isEqualTo(1);
    assertThat(causes(conv)).containsExactly(Map.entry(MismatchCause.VALUE_DIFFERS, 1L));
    assertThat(conv.causes().get(0).examples().get(0).online()).isEqualTo(42.0);
    assertThat(conv.smape()).isPositive();
  }

  @Test
  void theServingLogOfIdenticalDataHasNoMismatchOnDemandFeaturesIncluded() {
    fixture.materialize(T);
    OnlineFeaturesResponse served = fixture.serveAndLog(50);

    ConsistencyReport report = servingLog();

    assertThat(report.rows()).isEqualTo(50);
    assertThat(report.source().kind()).isEqualTo("serving_log");
    for (FeatureConsistency feature : report.features()) {
      assertThat(feature.mismatch()).as(feature.feature()).isZero();
      assertThat(feature.notCompared()).as(feature.feature()).isZero();
    }
    // The on-demand feature was recomputed with the logged request data.
    assertThat(feature(report, CONV_PLUS_VAL).total()).isEqualTo(50);
    assertThat(feature(report, CONV_PLUS_VAL).bothNull()).isLessThan(50);
    assertThat(served.column("conv_plus_val").values()).hasSize(50);
  }

  @Test
  void aServingLogComparedInSmallChunksGivesTheSameReportAsInOne() {
    fixture.materialize(T.minus(Duration.ofHours(12)));
    fixture.serveAndLog(DRIVERS);
    FeatureRepository repository = fixture.load();
    RepositoryStores stores = fixture.stores(false);

    ConsistencyReport whole = servingLog();
    // 7 rows at a time: counts summed over 29 chunks, examples the first of each cause in row order
    ConsistencyReport chunked = new ValueConsistency(stores.offline(), stores.allocator(), stores.offlineOptions(),
        stores.clock(), MetadataMaterializationHistory.read(stores.metadata(), repository.config().project()),
        ConsistencyOptions.defaults(stores.temporaryDirectory()).withChunkRows(7))
        .servingLog(repository, SERVICE, ParquetServingLogSink.directory(stores.offlineDirectory(), SERVICE),
            T.minus(Duration.ofHours(1)), T.plus(Duration.ofHours(1)));

    assertThat(whole.rows()).isEqualTo(DRIVERS);
    assertThat(whole.features()).anySatisfy(f -> assertThat(f.causes()).anySatisfy(c ->
        assertThat(c.count()).isGreaterThan(ConsistencyOptions.defaults(temp).examplesPerCause())));
    assertThat(chunked).isEqualTo(whole);
  }

  @Test
  void theServingLogAttributesLagAndAVersionChangedSinceServing() {
    fixture.materialize(T.minus(Duration.ofHours(12)));
    fixture.serveAndLog(DRIVERS);
    SampleRepository.edit(fixture.root, SampleRepository.DEFINITIONS, "expr: \"log1p(avg_daily_trips)\"",
        "expr: \"log1p(avg_daily_trips) * 2\"");
    fixture.apply();
    fixture.stores(true);

    ConsistencyReport report = servingLog();

    assertThat(causes(feature(report, CONV_RATE))).containsOnlyKeys(MismatchCause.DEFINITION_VERSION_DIFFERS);
    assertThat(causes(feature(report, TRIPS_7D))).containsOnlyKeys(MismatchCause.MATERIALIZATION_LAG);
    // The on-demand feature reads conv_rate, whose view changed: its logged inputs are of another version.
    assertThat(causes(feature(report, CONV_PLUS_VAL))).containsOnlyKeys(MismatchCause.DEFINITION_VERSION_DIFFERS);
  }

  @Test
  void aLogFileWrittenBeforeRequestDataWasLoggedIsReadWithoutItsOnDemandFeature() {
    fixture.materialize(T);
    FeatureRepository repository = fixture.load();
    RepositoryStores stores = fixture.stores(false);
    RepositoryVersions versions = RepositoryVersions.of(repository);
    List<ServedFeature> features = SelectionResolver.resolve(repository, FeatureSelector.service(SERVICE)).features()
        .stream().map(f -> new ServedFeature(f.ref().view(), f.ref().feature(), f.type(), versions.version(
            f.onDemand() ? ObjectKind.ON_DEMAND_FEATURE_VIEW : ObjectKind.FEATURE_VIEW, f.ref().view()))).toList();
    // The layout before request data was logged: no request fields.
    ServedSchema old = ServedSchema.ofService(SERVICE, versions.version(ObjectKind.FEATURE_SERVICE, SERVICE),
        List.of(new KeyColumn("driver_id", DataType.INT64)), features);
    List<Object> drivers = new ArrayList<>();
    for (long d = 1001; d <= 1020; d++) {
      drivers.add(d);
    }
    OnlineFeaturesResponse response = OnlineFeatureServer.create(repository, stores.online()).get(
        OnlineFeaturesRequest.forService(SERVICE, Map.of("driver_id", drivers))
            .withRequestData(Map.of("val_to_add", drivers)).withFullFeatureNames(true));
    List<ServingLogEntry> entries = new ArrayList<>();
    for (int r = 0; r < drivers.size(); r++) {
      List<FeatureValue> values = new ArrayList<>();
      for (ServedFeature feature : features) {
        values.add(response.column(feature.fullName()).entry(r));
      }
      entries.add(new ServingLogEntry(old, "old-request", ChronoUnit.MICROS.between(Instant.EPOCH, T), r,
          List.of(drivers.get(r)), values));
    }
    ParquetServingLogSink sink = ParquetServingLogSink.create(stores.offlineDirectory(),
        ParquetServingLogSink.Settings.defaults(), stores.clock());
    sink.write(entries);
    sink.close();

    ConsistencyReport report = servingLog();

    assertThat(feature(report, CONV_PLUS_VAL).notCompared()).isEqualTo(20);
    assertThat(feature(report, CONV_PLUS_VAL).total()).isZero();
    assertThat(feature(report, CONV_RATE).total()).isEqualTo(20);
    assertThat(feature(report, CONV_RATE).mismatch()).isZero();
    assertThat(report.verdict()).isEqualTo(Verdict.PASS);
  }

  private static CauseCount cause(FeatureConsistency feature, MismatchCause cause) {
    return feature.causes().stream().filter(c -> c.cause() == cause).findFirst()
        .orElseThrow(() -> new AssertionError(feature.feature() + " has no " + cause + ": " + feature.causes()));
  }
}
