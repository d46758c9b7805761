package dev.parity.definitions.version;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parity.definitions.Fixtures;
import dev.parity.definitions.ObjectKey;
import dev.parity.definitions.ObjectKind;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RepositoryVersionsTest {
  private final RepositoryVersions drivers = RepositoryVersions.of(Fixtures.load(Fixtures.drivers()));

  /** Keys whose versions differ between the drivers repository and {@code other}. */
  private Set<ObjectKey> changedKeys(RepositoryVersions other) {
    assertThat(other.objects().keySet()).isEqualTo(drivers.objects().keySet());
    Set<ObjectKey> changed = new TreeSet<>();
    drivers.objects().forEach((key, object) -> {
      if (!object.version().equals(other.get(key).orElseThrow().version())) {
        changed.add(key);
      }
    });
    return changed;
  }

  private RepositoryVersions edited(Path dir, String file, String from, String to) {
    Path copy = Fixtures.copy(Fixtures.drivers(), dir.resolve("repo"));
    Fixtures.replaceOnce(copy.resolve(file), from, to);
    return RepositoryVersions.of(Fixtures.load(copy));
  }

  private static ObjectKey key(ObjectKind kind, String name) {
    return new ObjectKey(kind, name);
  }

  @Test
  void reformattedRepositoryHasIdenticalVersions() {
    RepositoryVersions reformatted = RepositoryVersions.of(Fixtures.load(Fixtures.resource("repos/drivers-reformatted")));
    assertThat(changedKeys(reformatted)).isEmpty();
    reformatted.objects().forEach((key, object) -> assertThat(object.canonicalJson()).isEqualTo(drivers.get(key).orElseThrow().canonicalJson()));
  }

  @Test
  void versionIsTheSha256OfTheCanonicalFormWithAShortForm() {
    VersionedObject entity = drivers.get(key(ObjectKind.ENTITY, "driver")).orElseThrow();
    assertThat(entity.canonicalJson()).isEqualTo("{\"join_keys\":[\"driver_id\"],\"kind\":\"entity\",\"name\":\"driver\"}");
    // sha256 of the canonical JSON above, computed independently with sha256sum.
    assertThat(entity.version()).isEqualTo("090004dba6175cd003176b9e2bb3d59890c3d9854e5ab39ff344ddf7608085be");
    assertThat(entity.shortVersion()).isEqualTo(entity.version().substring(0, 12));
  }

  @Test
  void viewFormEmbedsEntitiesSourceAndNormalizedDurations() {
    String view = drivers.get(key(ObjectKind.FEATURE_VIEW, "driver_hourly_stats")).orElseThrow().canonicalJson();
    assertThat(view)
        .contains("\"ttl\":172800")
        .contains("\"entities\":{\"driver\":{\"join_keys\":[\"driver_id\"],\"kind\":\"entity\",\"name\":\"driver\"}}")
        .contains("\"source\":{\"created_timestamp\":\"created\",\"format\":\"parquet\",\"kind\":\"source\",\"name\":\"driver_stats\",\"path\":\"data/driver_stats\",\"timestamp\":\"event_timestamp\"}");
  }

  @Test
  void changingATransformChangesItsViewAndWhatUsesItOnly(@TempDir Path dir) {
    assertThat(changedKeys(edited(dir, "drivers.yaml", "log1p(avg_daily_trips)", "log(avg_daily_trips)")))
        .containsExactly(
            key(ObjectKind.FEATURE_VIEW, "driver_hourly_stats"),
            key(ObjectKind.ON_DEMAND_FEATURE_VIEW, "driver_adjusted"),
            key(ObjectKind.FEATURE_SERVICE, "driver_ranking_v1"));
  }

  @Test
  void changingATransformOfAnotherViewTouchesOnlyItsService(@TempDir Path dir) {
    assertThat(changedKeys(edited(dir, "drivers.yaml", "fare > 50.0", "fare > 60.0")))
        .containsExactly(key(ObjectKind.FEATURE_VIEW, "customer_trips"), key(ObjectKind.FEATURE_SERVICE, "customer_v1"));
  }

  @Test
  void changingTtlChangesTheView(@TempDir Path dir) {
    assertThat(changedKeys(edited(dir, "drivers.yaml", "ttl: 2d", "ttl: 1d")))
        .contains(key(ObjectKind.FEATURE_VIEW, "driver_hourly_stats"))
        .doesNotContain(key(ObjectKind.SOURCE, "driver_stats"), key(ObjectKind.ENTITY, "driver"));
  }

  @Test
  void changingAnEntityChangesItsViewsAndTheirServices(@TempDir Path dir) {
    assertThat(changedKeys(edited(dir, "drivers.yaml", "join_keys: [customer_id]", "join_keys: [customer_id, driver_id]")))
        .containsExactly(
            key(ObjectKind.ENTITY, "customer"), key(ObjectKind.FEATURE_VIEW, "customer_trips"), key(ObjectKind.FEATURE_SERVICE, "customer_v1"));
  }

  @Test
  void changingASourceChangesEveryViewReadingIt(@TempDir Path dir) {
    assertThat(changedKeys(edited(dir, "drivers.yaml", "path: data/trips.csv", "path: data/trips_v2.csv")))
        .containsExactly(
            key(ObjectKind.SOURCE, "trips"),
            key(ObjectKind.FEATURE_VIEW, "customer_trips"),
            key(ObjectKind.FEATURE_VIEW, "driver_activity"),
            key(ObjectKind.FEATURE_SERVICE, "customer_v1"),
            key(ObjectKind.FEATURE_SERVICE, "driver_ranking_v1"));
  }

  @Test
  void declaringOrChangingADefaultChangesItsViewAndWhatUsesIt(@TempDir Path dir) {
    String plain = "{ name: conv_rate, type: float64 }";
    RepositoryVersions declared = edited(dir.resolve("a"), "drivers.yaml", plain, "{ name: conv_rate, type: float64, default: 0 }");
    List<ObjectKey> dependents = List.of(
        key(ObjectKind.FEATURE_VIEW, "driver_hourly_stats"),
        key(ObjectKind.ON_DEMAND_FEATURE_VIEW, "driver_adjusted"),
        key(ObjectKind.FEATURE_SERVICE, "driver_ranking_v1"));
    assertThat(changedKeys(declared)).containsExactlyElementsOf(dependents);
    assertThat(declared.get(dependents.get(0)).orElseThrow().canonicalJson())
        .contains("\"conv_rate\":{\"default\":0.0,\"type\":\"float64\"}");

    RepositoryVersions changed = edited(dir.resolve("b"), "drivers.yaml", plain, "{ name: conv_rate, type: float64, default: -1 }");
    assertThat(changed.get(dependents.get(0)).orElseThrow().version())
        .isNotEqualTo(declared.get(dependents.get(0)).orElseThrow().version());
    // The value counts, not how it is written: 0 and 0.0 are the same float64 default.
    RepositoryVersions respelled = edited(dir.resolve("c"), "drivers.yaml", plain, "{ name: conv_rate, type: float64, default: 0.0 }");
    assertThat(respelled.get(dependents.get(0)).orElseThrow().version())
        .isEqualTo(declared.get(dependents.get(0)).orElseThrow().version());
  }

  @Test
  void anAggregationsDefaultIsPartOfItsViewsVersion(@TempDir Path dir) {
    assertThat(changedKeys(edited(dir, "drivers.yaml", "{ name: fare_sum_1d, function: sum, column: fare, window: 1d }",
        "{ name: fare_sum_1d, function: sum, column: fare, window: 1d, default: 0 }")))
        .containsExactly(key(ObjectKind.FEATURE_VIEW, "driver_activity"), key(ObjectKind.FEATURE_SERVICE, "driver_ranking_v1"));
  }

  @Test
  void serviceFormListsTheVersionsOfTheViewsItUses() {
    String service = drivers.get(key(ObjectKind.FEATURE_SERVICE, "customer_v1")).orElseThrow().canonicalJson();
    assertThat(service)
        .isEqualTo("{\"features\":{\"customer_trips\":\"*\"},\"kind\":\"feature_service\",\"name\":\"customer_v1\",\"uses\":{\"customer_trips\":\""
            + drivers.version(ObjectKind.FEATURE_VIEW, "customer_trips") + "\"}}");
  }

  @Test
  void inputTypesFromTheFilesArePartOfTheVersion(@TempDir Path dir) throws Exception {
    // `a > b` reads the same over int64 and float64 columns but compares differently (exactly vs
    // as doubles), so a change of the files' column types must change the view's version.
    java.nio.file.Files.writeString(dir.resolve("defs.yaml"), """
        entities: [{ name: e, join_keys: [id] }]
        sources: [{ name: s, format: parquet, path: data/s, timestamp: ts }]
        feature_views:
          - { name: v, entities: [e], source: s, features: [{ name: a_gt_b, type: bool, expr: "a > b" }] }
        """);
    java.util.function.Function<dev.parity.definitions.SourceColumnType, RepositoryVersions> withColumns = type ->
        RepositoryVersions.of(new dev.parity.definitions.yaml.RepositoryLoader(
            (source, root) -> java.util.Optional.of(new dev.parity.definitions.SourceSchema(java.util.Map.of(
                "id", dev.parity.definitions.SourceColumnType.INT64, "ts", dev.parity.definitions.SourceColumnType.TIMESTAMP,
                "a", type, "b", type))),
            java.util.Map.of()).load(dir));

    String overInts = withColumns.apply(dev.parity.definitions.SourceColumnType.INT64).version(ObjectKind.FEATURE_VIEW, "v");
    String overInt32 = withColumns.apply(dev.parity.definitions.SourceColumnType.INT32).version(ObjectKind.FEATURE_VIEW, "v");
    String overDoubles = withColumns.apply(dev.parity.definitions.SourceColumnType.FLOAT64).version(ObjectKind.FEATURE_VIEW, "v");

    assertThat(overInt32).as("int32 widens to int64: same computation").isEqualTo(overInts);
    assertThat(overDoubles).isNotEqualTo(overInts);
  }
}
