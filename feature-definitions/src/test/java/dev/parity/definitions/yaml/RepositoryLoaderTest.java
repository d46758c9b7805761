package dev.parity.definitions.yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parity.definitions.DataType;
import dev.parity.definitions.DefinitionException;
import dev.parity.definitions.FeatureRef;
import dev.parity.definitions.FeatureRepository;
import dev.parity.definitions.FeatureView;
import dev.parity.definitions.Fixtures;
import dev.parity.definitions.Location;
import dev.parity.definitions.ObjectKey;
import dev.parity.definitions.ObjectKind;
import dev.parity.definitions.RepositoryConfig;
import dev.parity.definitions.Source;
import dev.parity.definitions.SourceColumnType;
import dev.parity.definitions.SourceFormat;
import dev.parity.definitions.SourceSchema;
import dev.parity.definitions.SourceSchemaResolver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RepositoryLoaderTest {
  private final FeatureRepository repo = Fixtures.load(Fixtures.drivers());

  @Test
  void loadsEveryObjectOfTheDriversRepository() {
    assertThat(repo.keys())
        .extracting(ObjectKey::toString)
        .containsExactly(
            "entity customer", "entity driver",
            "source driver_stats", "source trips",
            "feature_view customer_trips", "feature_view driver_activity", "feature_view driver_hourly_stats",
            "on_demand_feature_view driver_adjusted",
            "feature_service customer_v1", "feature_service driver_ranking_v1");
    assertThat(repo.root()).isEqualTo(Fixtures.drivers().toAbsolutePath().normalize());
  }

  @Test
  void readsViewsSourcesAndValidationRules() {
    FeatureView stats = repo.featureView("driver_hourly_stats").orElseThrow();
    assertThat(stats.ttl()).isEqualTo(Duration.ofDays(2));
    assertThat(stats.online()).isTrue();
    assertThat(stats.featureNames()).containsExactly("conv_rate", "acc_rate", "avg_daily_trips", "trips_log");
    var rules = stats.validation().orElseThrow();
    assertThat(rules.rowCount().orElseThrow().min().getAsLong()).isEqualTo(100);
    assertThat(rules.rowCount().orElseThrow().max().getAsLong()).isEqualTo(100_000_000L);
    assertThat(rules.freshness()).contains(Duration.ofDays(2));
    assertThat(rules.columns().get("conv_rate").maxNullFraction().getAsDouble()).isEqualTo(0.1);
    assertThat(rules.baseline()).contains("data/reference/driver_stats.parquet");
    assertThat(repo.featureView("driver_activity").orElseThrow().validation().orElseThrow().columns().get("vehicle_type").allowedValues())
        .containsExactly("sedan", "suv", "van");

    Source trips = repo.source("trips").orElseThrow();
    assertThat(trips.format()).isEqualTo(SourceFormat.CSV);
    assertThat(trips.schema()).containsEntry("fare", SourceColumnType.FLOAT64).hasSize(6);
    assertThat(repo.source("driver_stats").orElseThrow().createdTimestampColumn()).contains("created");
    assertThat(repo.sourceSchema("trips")).isPresent();
    assertThat(repo.sourceSchema("driver_stats")).isEmpty();
  }

  @Test
  void compilesEveryExpressionOnceWithItsInputs() {
    assertThat(repo.expressions().keySet())
        .containsExactlyInAnyOrder(
            new FeatureRef("driver_hourly_stats", "trips_log"),
            new FeatureRef("driver_activity", "fare_avg_7d"),
            new FeatureRef("customer_trips", "long_trip"),
            new FeatureRef("driver_adjusted", "conv_plus_val"));
    var tripsLog = repo.expression(new FeatureRef("driver_hourly_stats", "trips_log")).orElseThrow();
    assertThat(tripsLog.inputs()).containsExactly("avg_daily_trips");
    assertThat((Double) tripsLog.evaluateRow(new Object[] {0L})).isEqualTo(0.0);
    var adjusted = repo.expression(new FeatureRef("driver_adjusted", "conv_plus_val")).orElseThrow();
    assertThat(adjusted.inputs()).containsExactlyInAnyOrder("driver_hourly_stats.conv_rate", "val_to_add");
  }

  @Test
  void derivesAggregationOutputTypes() {
    assertThat(repo.featureType(new FeatureRef("driver_activity", "trips_7d"))).contains(DataType.INT64);
    assertThat(repo.featureType(new FeatureRef("driver_activity", "fare_sum_1d"))).contains(DataType.FLOAT64);
    assertThat(repo.featureType(new FeatureRef("driver_activity", "fare_avg_7d"))).contains(DataType.FLOAT64);
  }

  @Test
  void expandsStarInServices() {
    assertThat(repo.serviceFeatures("driver_ranking_v1"))
        .extracting(FeatureRef::toString)
        .containsExactly(
            "driver_hourly_stats.conv_rate", "driver_hourly_stats.trips_log",
            "driver_activity.trips_7d", "driver_activity.fare_sum_1d", "driver_activity.fare_avg_7d",
            "driver_adjusted.conv_plus_val");
  }

  @Test
  void remembersWhereEachObjectIsDefined() {
    assertThat(repo.location(new ObjectKey(ObjectKind.FEATURE_VIEW, "driver_activity"))).contains(new Location("drivers.yaml", 37, 5));
    assertThat(repo.location(new ObjectKey(ObjectKind.FEATURE_SERVICE, "customer_v1"))).contains(new Location("services.yaml", 13, 5));
  }

  @Test
  void environmentOverridesRegistryAndRedis() {
    FeatureRepository overridden =
        new RepositoryLoader(SourceSchemaResolver.none(), Map.of("PARITY_REGISTRY_URL", "jdbc:postgresql://db/parity", "PARITY_REDIS_URL", "redis://h1:7000, redis://h2:7000"))
            .load(Fixtures.drivers());
    assertThat(overridden.config().registryUrl()).isEqualTo("jdbc:postgresql://db/parity");
    assertThat(overridden.config().online().cluster()).containsExactly("redis://h1:7000", "redis://h2:7000");
    assertThat(overridden.config().project()).isEqualTo("drivers");
    assertThat(repo.config().online().redis()).contains("redis://127.0.0.1:6379");
  }

  @Test
  void defaultsEveryConfigKeyWithoutParityYaml(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("defs.yaml"), "entities:\n  - name: driver\n    join_keys: [driver_id]\n");
    FeatureRepository loaded = Fixtures.load(dir);
    assertThat(loaded.config()).isEqualTo(RepositoryConfig.defaults());
    assertThat(loaded.config().registryUrl()).isEqualTo("jdbc:h2:file:./.parity/registry");
    assertThat(loaded.config().offlinePath()).isEqualTo("./.parity/offline");
  }

  @Test
  void readsMaxFutureSkewFromParityYamlAndDefaultsItToFiveMinutes(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("parity.yaml"), "project: p\nmax_future_skew: 2h\n");
    assertThat(Fixtures.load(dir).config().maxFutureSkew()).isEqualTo(Duration.ofHours(2));
    assertThat(RepositoryConfig.defaults().maxFutureSkew()).isEqualTo(Duration.ofMinutes(5));
    Files.writeString(dir.resolve("parity.yaml"), "project: p\nmax_future_skew: 0\n");
    assertThat(Fixtures.load(dir).config().maxFutureSkew()).isZero();
  }

  @Test
  void rejectsABadMaxFutureSkewWithItsPosition(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("parity.yaml"), "project: p\nmax_future_skew: soon\n");
    assertThatThrownBy(() -> Fixtures.load(dir))
        .isInstanceOf(DefinitionException.class)
        .hasMessageStartingWith("parity.yaml:2:18: max_future_skew: bad duration 'soon'");
  }

  @Test
  void readsARedisClusterFromParityYaml(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("parity.yaml"), "online: { cluster: [\"redis://h1:7000\", \"redis://h2:7000\"] }\n");
    assertThat(Fixtures.load(dir).config().online().cluster()).containsExactly("redis://h1:7000", "redis://h2:7000");
  }

  @Test
  void checksParquetColumnsAgainstTheResolvedSchemaAllowingWidening(@TempDir Path dir) {
    Path copy = Fixtures.copy(Fixtures.drivers(), dir.resolve("repo"));
    Map<String, SourceColumnType> columns =
        Map.of("driver_id", SourceColumnType.INT32, "conv_rate", SourceColumnType.FLOAT32, "acc_rate", SourceColumnType.STRING,
            "avg_daily_trips", SourceColumnType.INT16, "event_timestamp", SourceColumnType.TIMESTAMP, "created", SourceColumnType.TIMESTAMP);
    SourceSchemaResolver parquet = (source, root) -> source.name().equals("driver_stats") ? Optional.of(new SourceSchema(columns)) : Optional.empty();
    assertThatThrownBy(() -> new RepositoryLoader(parquet, Map.of()).load(copy))
        .isInstanceOf(DefinitionException.class)
        .hasMessage("drivers.yaml:28:33: feature 'acc_rate' is declared float64 but source column 'acc_rate' of source 'driver_stats' is string");
  }

  @Test
  void rejectsAMissingDirectory(@TempDir Path dir) {
    assertThatThrownBy(() -> Fixtures.load(dir.resolve("nope")))
        .isInstanceOf(DefinitionException.class)
        .satisfies(e -> assertThat(((DefinitionException) e).errors()).hasSize(1))
        .hasMessageEndingWith(": not a directory");
  }

  @Test
  void listsErrorsSortedAndJoinedByNewlines(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("b.yaml"), "entities:\n  - name: x\n");
    Files.writeString(dir.resolve("a.yaml"), "entitys: []\n");
    DefinitionException e = org.junit.jupiter.api.Assertions.assertThrows(DefinitionException.class, () -> Fixtures.load(dir));
    assertThat(e.errors()).extracting(Object::toString).isEqualTo(List.of(e.getMessage().split("\n")));
    assertThat(e.getMessage())
        .isEqualTo("a.yaml:1:1: unknown key 'entitys' in a definitions file (did you mean 'entities'?)\n"
            + "b.yaml:2:5: entity is missing required key 'join_keys'");
  }
}
